package io.github.py2sfn.tasktools.localrunner.spring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.py2sfn.tasktools.state.ChildExecution;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import io.github.py2sfn.tasktools.state.MapRunResults;
import io.github.py2sfn.tasktools.state.ResultWriterConfig;
import io.github.py2sfn.tasktools.state.S3ObjectLocation;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A small function application, as a user's would be: the tasks of the workflows under {@code
 * workflows/}, state data in the emulator.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class WorkflowTasksApplication {

  /** How often the {@code after} task ran. */
  static final AtomicInteger AFTER_CALLS = new AtomicInteger();

  private final AwsEmulator aws = AwsEmulators.shared();
  private final String table = aws.createStateDataTable();
  private final String bucket = aws.createBucket();

  @Bean(destroyMethod = "")
  DynamoDbClient dynamoDbClient() {
    return aws.dynamoDbClient();
  }

  @Bean(destroyMethod = "")
  SfnClient sfnClient() {
    return aws.sfnClient();
  }

  @Bean(destroyMethod = "")
  S3Client s3Client() {
    return aws.s3Client();
  }

  /**
   * Stores the event's {@code numbers} with the library's list for a Distributed Map and returns
   * its pointer, whose {@code item_reader} names the JSON Lines object of Map-iteration events.
   */
  @Bean
  @SuppressWarnings("unchecked")
  Function<Map<String, Object>, Object> putListForDistributedMap() {
    StateDataClient stateData = stateData();
    return event -> {
      String execution =
          (String) ((Map<String, Object>) event.get("meta")).get("sfn_execution_name");
      return stateData
          .withNamespace(execution)
          .putAllForDistributedMap(
              ListRef.local("numbers"), ((List<Object>) event.get("numbers")).iterator());
    };
  }

  /** A Distributed Map child: reads its element through its Map-iteration event, squares it. */
  @Bean
  Function<MapIterationEvent, Object> squareElement() {
    StateDataClient stateData = stateData();
    return event -> {
      int number = stateData.get(ItemRef.of(event), Integer.class);
      return number * number;
    };
  }

  /**
   * A Distributed Map child that rejects negative elements: a Lambda function's unhandled
   * exception, so the child fails with the exception's class as error.
   */
  @Bean
  Function<MapIterationEvent, Object> squarePositiveElement() {
    StateDataClient stateData = stateData();
    return event -> {
      int number = stateData.get(ItemRef.of(event), Integer.class);
      if (number < 0) {
        throw new IllegalArgumentException("negative element");
      }
      return number * number;
    };
  }

  /** A Distributed Map's result with a {@code ResultWriter}: where its manifest is. */
  record MapRunOutput(@JsonProperty("ResultWriterDetails") S3ObjectLocation resultWriterDetails) {}

  /**
   * Reads a Distributed Map's exported results (FLATTEN, JSONL) with the library's reader: the
   * outputs as integers, and each failed child's error and cause.
   */
  @Bean
  Function<MapRunOutput, Object> readMapRun() {
    StateDataClient stateData = stateData();
    return mapRun -> {
      MapRunResults<Integer> results =
          stateData.getMapRunResults(
              mapRun.resultWriterDetails(),
              new ResultWriterConfig(
                  ResultWriterConfig.Transformation.FLATTEN, ResultWriterConfig.OutputType.JSONL),
              Integer.class);
      List<Map<String, Object>> failed = new ArrayList<>();
      for (ChildExecution child : results.failed()) {
        failed.add(
            Map.of(
                "status", child.status(),
                "error", child.error(),
                "cause", child.cause(),
                "input", child.input()));
      }
      return Map.of(
          "mapRunArn", results.mapRunArn(),
          "outputs", results.outputs(),
          "failed", failed,
          "pending", results.pending().size());
    };
  }

  private StateDataClient stateData() {
    return StateDataClient.builder()
        .dynamoDbClient(aws.dynamoDbClient())
        .s3Client(aws.s3Client())
        .tableName(table)
        .bucket(bucket)
        .build();
  }

  /** Writes the event's {@code numbers} as a JSON Lines object and returns its location. */
  @Bean
  @SuppressWarnings("unchecked")
  Function<Map<String, Object>, Object> writeList(S3Client s3) {
    return event -> {
      String bucket = "runner-spring-lists";
      String key = ((Map<String, Object>) event.get("meta")).get("sfn_execution_name") + ".jsonl";
      s3.createBucket(request -> request.bucket(bucket));
      StringBuilder lines = new StringBuilder();
      for (Object number : (List<Object>) event.get("numbers")) {
        lines.append("{\"n\": ").append(number).append("}\n");
      }
      s3.putObject(
          request -> request.bucket(bucket).key(key), RequestBody.fromString(lines.toString()));
      return Map.of("Bucket", bucket, "Key", key);
    };
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
                                ":pk", AttributeValue.fromS(event.get("execution") + ":squares"))))
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
