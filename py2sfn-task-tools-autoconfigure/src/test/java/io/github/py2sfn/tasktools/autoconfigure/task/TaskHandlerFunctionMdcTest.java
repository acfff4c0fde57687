package io.github.py2sfn.tasktools.autoconfigure.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.py2sfn.tasktools.LogCapture;
import io.github.py2sfn.tasktools.execution.SfnExecutionStopper;
import io.github.py2sfn.tasktools.execution.StopOptions;
import io.github.py2sfn.tasktools.task.AwsLocation;
import io.github.py2sfn.tasktools.task.TaskContext;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import tools.jackson.databind.json.JsonMapper;

/** Log lines written while a task runs carry its execution name in the MDC, and only then. */
class TaskHandlerFunctionMdcTest {

  static final AwsLocation LOCATION = new AwsLocation("aws", "eu-west-1", "123456789012");

  /** A Step Functions client whose executions have all ended, so stopping only logs. */
  static final SfnClient ENDED =
      (SfnClient)
          Proxy.newProxyInstance(
              TaskHandlerFunctionMdcTest.class.getClassLoader(),
              new Class<?>[] {SfnClient.class},
              (proxy, method, args) -> {
                if (method.getName().equals("describeExecution")) {
                  return DescribeExecutionResponse.builder()
                      .status(ExecutionStatus.SUCCEEDED)
                      .build();
                }
                throw new AssertionError("unexpected AWS call " + method.getName());
              });

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  private static TaskHandlerFunction function(TaskHandler<Object, Object> handler) {
    JsonMapper mapper = new JsonMapper();
    TaskContextFactory contexts =
        new TaskContextFactory(
            null,
            () ->
                new SfnExecutionStopper(
                    ENDED, new StopOptions(true, Duration.ofMillis(1), Duration.ofSeconds(1))),
            LOCATION);
    return new TaskHandlerFunction(
        "gate", handler, mapper.constructType(Object.class), mapper, contexts);
  }

  private static String event(String executionName) {
    return """
        {"meta": {"sfn_execution_name": "%s", "sfn_state_machine_name": "flow"}, "data": {}}"""
        .formatted(executionName);
  }

  @Test
  void theLibrarysAndTheTasksLogLinesCarryTheExecutionName() {
    TaskHandlerFunction function =
        function(
            (input, context) -> {
              LoggerFactory.getLogger("task").info("task working");
              return context.stopExecution("Disabled", "off");
            });

    try (LogCapture logs = new LogCapture(Level.TRACE, "io.github.py2sfn", "task")) {
      function.apply(
          MessageBuilder.withPayload((Object) event("exec-mdc").getBytes(StandardCharsets.UTF_8))
              .build());

      assertThat(logs.events())
          .filteredOn(
              e ->
                  e.getLoggerName().equals("task")
                      || e.getLoggerName().endsWith("SfnExecutionStopper"))
          .hasSize(2)
          .extracting(ILoggingEvent::getMDCPropertyMap)
          .allSatisfy(
              mdc -> assertThat(mdc).containsEntry(TaskContext.EXECUTION_NAME_MDC_KEY, "exec-mdc"));
    }
    assertThat(MDC.get(TaskContext.EXECUTION_NAME_MDC_KEY)).isNull();
  }

  @Test
  void theNameIsRemovedWhenTheTaskFailsAndAnOuterValueIsRestored() {
    MDC.put(TaskContext.EXECUTION_NAME_MDC_KEY, "outer");
    List<String> namesSeenByTheTask = new ArrayList<>();
    TaskHandlerFunction function =
        function(
            (input, context) -> {
              namesSeenByTheTask.add(MDC.get(TaskContext.EXECUTION_NAME_MDC_KEY));
              throw new IllegalStateException("task failed");
            });

    assertThatThrownBy(
            () -> function.apply(MessageBuilder.withPayload((Object) event("exec-fail")).build()))
        .hasMessage("task failed");
    assertThat(namesSeenByTheTask).containsExactly("exec-fail");
    assertThat(MDC.get(TaskContext.EXECUTION_NAME_MDC_KEY)).isEqualTo("outer");
  }

  @Test
  void anEventWithoutExecutionNameLeavesNoStaleName() {
    MDC.put(TaskContext.EXECUTION_NAME_MDC_KEY, "previous");
    List<String> namesSeenByTheTask = new ArrayList<>();
    TaskHandlerFunction function =
        function(
            (input, context) -> {
              namesSeenByTheTask.add(MDC.get(TaskContext.EXECUTION_NAME_MDC_KEY));
              return 1;
            });

    function.apply(MessageBuilder.withPayload((Object) "{\"plain\": true}").build());

    assertThat(namesSeenByTheTask).containsExactly((String) null);
  }
}
