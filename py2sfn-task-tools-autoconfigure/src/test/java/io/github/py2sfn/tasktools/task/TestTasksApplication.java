package io.github.py2sfn.tasktools.task;

import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import tools.jackson.databind.JsonNode;

/** Tasks of a small workflow, as a user would write them, for tests through the AWS adapter. */
@SpringBootApplication
public class TestTasksApplication {

  static final List<StopExecutionRequest> STOP_REQUESTS = new CopyOnWriteArrayList<>();

  record Characters(List<String> names) {}

  record LoadedCharacter(String name, int index, String execution, ItemPointer stored) {}

  record Gate(boolean enabled) {}

  @Bean
  TaskHandler<Characters, ItemsPointer> putCharacters() {
    return (input, context) -> context.stateData().putItems("characters", input.names());
  }

  @Bean
  TaskHandler<MapIterationEvent, LoadedCharacter> loadCharacter() {
    return (event, context) -> {
      String name = context.stateData().getItemForMapIteration(event, String.class);
      ItemPointer stored = context.stateData().putItemForMapIteration(event, name.toUpperCase());
      return new LoadedCharacter(
          name, context.execution().mapItemIndex(), context.execution().executionName(), stored);
    };
  }

  @Bean
  TaskHandler<Gate, Object> gate() {
    return (gate, context) ->
        gate.enabled()
            ? Map.of("enabled", true)
            : context.stopExecution("FeatureDisabled", "The feature flag is off");
  }

  @Bean
  TaskHandler<JsonNode, ExecutionIdentity> whoAmI() {
    return (input, context) -> context.execution();
  }

  @Bean
  TaskHandler<Gate, String> failing() {
    return (input, context) -> {
      throw new java.io.IOException("checked failure");
    };
  }

  /** Records the StopExecution requests the application sends, through the customizer hook. */
  @Bean
  SfnClientCustomizer recordStopExecutionRequests() {
    return builder ->
        builder.overrideConfiguration(
            configuration ->
                configuration.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeExecution(
                          Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof StopExecutionRequest stop) {
                          STOP_REQUESTS.add(stop);
                        }
                      }
                    }));
  }

  @Bean
  Function<Map<String, Object>, Map<String, Object>> plainEcho() {
    return event -> {
      Map<String, Object> echoed = new HashMap<>(event);
      echoed.put("echoed", true);
      return echoed;
    };
  }
}
