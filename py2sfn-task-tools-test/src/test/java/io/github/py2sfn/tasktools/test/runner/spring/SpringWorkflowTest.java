package io.github.py2sfn.tasktools.test.runner.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import io.github.py2sfn.tasktools.test.runner.ExecutionResult;
import io.github.py2sfn.tasktools.test.runner.ExecutionStatus;
import io.github.py2sfn.tasktools.test.runner.HistoryEvent;
import io.github.py2sfn.tasktools.test.runner.HistoryEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Whole workflows against real task beans: Task states go through the AWS adapter's conversion,
 * state data goes to the emulator's DynamoDB, and a task's StopExecution stops the run.
 */
@Tag("aws-emulator")
@Tag("spring-context")
@SpringBootTest(
    classes = SpringWorkflowTest.App.class,
    properties = "spring.main.web-application-type=none")
class SpringWorkflowTest {

  static final AtomicInteger AFTER_CALLS = new AtomicInteger();

  @Autowired ApplicationContext context;

  @BeforeEach
  void reset() {
    AFTER_CALLS.set(0);
  }

  @Test
  void putItemsFansOutOverAMapWhoseIterationsReadAndWriteItems() {
    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definitionResource("workflows/fanout.asl.json")
            .build()
            .run("{\"numbers\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("[1,4,9,16,25,36,49,64,81,100]");
    assertThat(result.history())
        .filteredOn(e -> e.type() == HistoryEventType.TASK_SUCCEEDED)
        .extracting(HistoryEvent::detail)
        .containsOnly("putItems", "square", "collect")
        .hasSize(12);
    assertThat(result.executionArn())
        .startsWith("arn:aws:states:us-east-1:123456789012:execution:fanout:");
  }

  @Test
  void aCatchRoutesAFailingTask() {
    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definitionResource("workflows/catch-and-stop.asl.json")
            .build()
            .run("{\"amount\": -1}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString())
        .isEqualTo("{\"rejected\":true,\"error\":\"java.lang.IllegalArgumentException\"}");
  }

  @Test
  void aTaskThatStopsTheExecutionAbortsTheRun() {
    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definitionResource("workflows/catch-and-stop.asl.json")
            .build()
            .run("{\"amount\": 5, \"stop\": true}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(result.error()).isEqualTo("Order.Cancelled");
    assertThat(result.cause()).isEqualTo("The customer cancelled");
    assertThat(AFTER_CALLS).hasValue(0);
    assertThat(result.history()).noneMatch(e -> "After".equals(e.stateName()));
    SfnClient sfn = context.getBean(SfnClient.class);
    assertThat(sfn.describeExecution(b -> b.executionArn(result.executionArn())).statusAsString())
        .isEqualTo("ABORTED");
  }

  @Test
  void withoutAStopTheRunContinues() {
    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definitionResource("workflows/catch-and-stop.asl.json")
            .build()
            .run("{\"amount\": 5, \"stop\": false}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().asString()).isEqualTo("after ran");
    assertThat(AFTER_CALLS).hasValue(1);
  }

  /** A small function application, as a user's would be. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    private final AwsEmulator aws = AwsEmulators.shared();
    private final String table = aws.createStateDataTable();

    @Bean(destroyMethod = "")
    DynamoDbClient dynamoDbClient() {
      return aws.dynamoDbClient();
    }

    @Bean(destroyMethod = "")
    SfnClient sfnClient() {
      return aws.sfnClient();
    }

    @Bean
    @SuppressWarnings("unchecked")
    Function<Map<String, Object>, Object> putItems(DynamoDbClient dynamo) {
      return event -> {
        Map<String, Object> meta = (Map<String, Object>) event.get("meta");
        List<Object> numbers =
            (List<Object>) ((Map<String, Object>) event.get("data")).get("numbers");
        String partitionKey = meta.get("sfn_execution_name") + ":numbers";
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
          put(dynamo, partitionKey, i, numbers.get(i).toString());
          ones.add(1);
        }
        return Map.of(
            "table_name", table, "partition_key", partitionKey, "key", "numbers", "items", ones);
      };
    }

    @Bean
    Function<Map<String, Object>, Object> square(DynamoDbClient dynamo) {
      return event -> {
        int index = ((Number) event.get("context_index")).intValue();
        String data =
            dynamo
                .getItem(
                    b ->
                        b.tableName((String) event.get("items_result_table_name"))
                            .consistentRead(true)
                            .key(
                                Map.of(
                                    "partition_key",
                                    AttributeValue.fromS(
                                        (String) event.get("items_result_partition_key")),
                                    "sort_key",
                                    AttributeValue.fromN(Integer.toString(index)))))
                .item()
                .get("data")
                .s();
        int square = Integer.parseInt(data) * Integer.parseInt(data);
        put(dynamo, event.get("execution") + ":squares", index, Integer.toString(square));
        return Map.of("index", index, "square", square);
      };
    }

    @Bean
    Function<Map<String, Object>, Object> collect(DynamoDbClient dynamo) {
      return event ->
          dynamo
              .query(
                  b ->
                      b.tableName(table)
                          .consistentRead(true)
                          .keyConditionExpression("partition_key = :pk")
                          .expressionAttributeValues(
                              Map.of(
                                  ":pk",
                                  AttributeValue.fromS(event.get("execution") + ":squares"))))
              .items()
              .stream()
              .map(item -> Integer.parseInt(item.get("data").s()))
              .toList();
    }

    @Bean
    Function<Map<String, Object>, Object> validate() {
      return event -> {
        if (((Number) event.get("amount")).intValue() < 0) {
          throw new IllegalArgumentException("amount must not be negative");
        }
        return "valid";
      };
    }

    @Bean
    Function<Map<String, Object>, Object> stopper(SfnClient sfn) {
      return event -> {
        if (Boolean.TRUE.equals(event.get("stop"))) {
          sfn.stopExecution(
              b ->
                  b.executionArn((String) event.get("executionArn"))
                      .error("Order.Cancelled")
                      .cause("The customer cancelled"));
          return "stopped";
        }
        return "continue";
      };
    }

    @Bean
    Function<Map<String, Object>, Object> after() {
      return event -> {
        AFTER_CALLS.incrementAndGet();
        return "after ran";
      };
    }

    private void put(DynamoDbClient dynamo, String partitionKey, int index, String data) {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(
                      Map.of(
                          "partition_key", AttributeValue.fromS(partitionKey),
                          "sort_key", AttributeValue.fromN(Integer.toString(index)),
                          "data", AttributeValue.fromS(data))));
    }
  }
}
