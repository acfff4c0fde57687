package io.github.py2sfn.tasktools.benchmarks.coldstart.starter;

import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * (b) The same app with py2sfn-task-tools-starter, as a user writes it. {@code stateDataTask} uses
 * TaskContext and state data (putItem then getItem of its input); {@code noopTask} only reads the
 * execution identity, to separate what the starter costs from what the first AWS calls cost.
 */
@SpringBootApplication
public class StarterApp {

  @Bean
  TaskHandler<Map<String, Object>, Map<String, Object>> stateDataTask() {
    return (input, context) -> {
      ItemPointer pointer = context.stateData().putItem("greeting", input);
      Map<?, ?> loaded = context.stateData().getItem("greeting", Map.class);
      return Map.of(
          "table_name",
          pointer.tableName(),
          "partition_key",
          pointer.partitionKey(),
          "key",
          "greeting",
          "fields",
          loaded.size());
    };
  }

  @Bean
  TaskHandler<Map<String, Object>, Map<String, Object>> noopTask() {
    return (input, context) ->
        Map.of("execution", context.execution().executionName(), "fields", input.size());
  }
}
