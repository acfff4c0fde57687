package io.github.py2sfn.tasktools.localrunner.spring;

import static io.github.py2sfn.tasktools.localrunner.spring.WorkflowTasksApplication.AFTER_CALLS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;

/**
 * Whole workflows against real task beans: Task states go through the AWS adapter's conversion,
 * state data goes to the emulator's DynamoDB, and a task's StopExecution stops the run.
 */
@Tag("aws-emulator")
@Tag("spring-context")
@SpringBootTest(
    classes = WorkflowTasksApplication.class,
    properties = "spring.main.web-application-type=none")
class SpringWorkflowTest {

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

  /**
   * The library's list for a Distributed Map end to end: a task stores the list with {@code
   * putAllForDistributedMap}, the Map's {@code ItemReader} reads the pointer's JSON Lines object,
   * and each child execution reads its element through its Map-iteration event, in batches of two
   * (ItemBatcher:
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
   */
  @Test
  void aDistributedMapFansOutOverAListTheLibraryWrote() {
    String definition =
        """
        {"StartAt": "Store", "States": {
          "Store": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:putListForDistributedMap",
            "Parameters": {"numbers.$": "$.numbers", "meta": {"sfn_execution_name.$":
              "$$.Execution.Name"}}, "Next": "Fan"},
          "Fan": {"Type": "Map", "End": true,
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "JSONL"},
              "Parameters": {"Bucket.$": "$.item_reader.Bucket", "Key.$": "$.item_reader.Key"}},
            "ItemBatcher": {"MaxItemsPerBatch": 2},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Each", "States": {
                "Each": {"Type": "Map", "ItemsPath": "$.Items", "End": true,
                  "ItemProcessor": {"StartAt": "Square", "States": {
                    "Square": {"Type": "Task", "End": true,
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:squareElement"}
                  }}}}}}}}""";

    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definition(definition)
            .build()
            .run("{\"numbers\": [3, 1, 4, 1, 5]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("[[9,1],[16,1],[25]]");
  }

  /**
   * The workflow: the library's list for a Distributed Map, read through {@code ItemReader}
   * in batches of two, with tolerated failures and a {@code ResultWriter} (ResultWriter (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html) exporting
   * FLATTEN as JSON Lines; a later task reads the export back with the library's {@code
   * getMapRunResults}: the typed outputs, and the failed batch with its error and cause.
   */
  @Test
  void aDistributedMapExportsItsResultsForTheLibrarysReader() {
    String definition =
        """
        {"StartAt": "Store", "States": {
          "Store": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:putListForDistributedMap",
            "Parameters": {"numbers.$": "$.numbers", "meta": {"sfn_execution_name.$":
              "$$.Execution.Name"}}, "Next": "Fan"},
          "Fan": {"Type": "Map", "Next": "Read",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "JSONL"},
              "Parameters": {"Bucket.$": "$.item_reader.Bucket", "Key.$": "$.item_reader.Key"}},
            "ItemBatcher": {"MaxItemsPerBatch": 2},
            "ToleratedFailurePercentage": 50,
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
              "Parameters": {"Bucket.$": "$.item_reader.Bucket", "Prefix": "squares"},
              "WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSONL"}},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Each", "States": {
                "Each": {"Type": "Map", "ItemsPath": "$.Items", "End": true,
                  "ItemProcessor": {"StartAt": "Square", "States": {
                    "Square": {"Type": "Task", "End": true,
                      "Resource":
                        "arn:aws:lambda:us-east-1:123456789012:function:squarePositiveElement"}
                  }}}}}},
          "Read": {"Type": "Task", "End": true,
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:readMapRun"}}}""";

    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definition(definition)
            .build()
            .run("{\"numbers\": [3, 1, 4, 1, -5, 2]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode read = result.output();
    assertThat(read.get("mapRunArn").asString())
        .startsWith("arn:aws:states:us-east-1:123456789012:mapRun:");
    // The batches [3, 1] and [4, 1] succeeded, flattened; [-5, 2] failed as one child execution.
    assertThat(read.get("outputs").toString()).isEqualTo("[9,1,16,1]");
    JsonNode failed = read.get("failed");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get(0).get("error").asString())
        .isEqualTo("java.lang.IllegalArgumentException");
    assertThat(failed.get(0).get("cause").asString()).contains("negative element");
    assertThat(failed.get(0).get("input").asString()).contains("\"Items\"");
    assertThat(read.get("pending").asInt()).isZero();
  }

  /**
   * {@code forContext} hands the context's one {@code S3Client} to the runner: a task writes a JSON
   * Lines object and a Distributed Map reads its items from it (ItemReader (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
   */
  @Test
  void aDistributedMapReadsTheListATaskWroteToS3() {
    String definition =
        """
        {"StartAt": "Write", "States": {
          "Write": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:writeList",
            "Parameters": {"numbers.$": "$.numbers", "meta": {"sfn_execution_name.$":
              "$$.Execution.Name"}}, "Next": "Fan"},
          "Fan": {"Type": "Map", "End": true,
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "JSONL"},
              "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Child", "States": {
                "Child": {"Type": "Pass", "End": true, "OutputPath": "$.n"}}}}}}""";

    ExecutionResult result =
        LocalStateMachines.forContext(context)
            .definition(definition)
            .build()
            .run("{\"numbers\": [3, 1, 2]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("[3,1,2]");
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
}
