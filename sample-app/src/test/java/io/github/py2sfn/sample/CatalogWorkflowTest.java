package io.github.py2sfn.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.sample.local.CatalogWorkflow;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample workflow, run locally from its deployed ASL file against the emulator: the success
 * path with offloaded items and caught iteration failures, the stop path, and the summary read
 * across executions.
 */
@AwsEmulatorTest
@Tag("spring-context")
class CatalogWorkflowTest {

  /** 120 products: indexes 0, 50 and 100 have 400 KB descriptions; 39, 79 and 119 are invalid. */
  static final String INPUT =
      """
      {"feature_enabled": true, "product_count": 120, "large_every": 50, "large_description_kb": 400, "invalid_every": 40}""";

  private AwsEmulator aws;
  private StateDataResources resources;
  private CatalogWorkflow workflow;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.workflow = new CatalogWorkflow(aws, resources);
  }

  @AfterEach
  void tearDown() {
    workflow.close();
  }

  @Test
  void pricesTheCatalogWithLargeProductsInS3AndRejectedOnesCaught() {
    ExecutionResult result = workflow.run(INPUT);

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String partitionKey = result.executionName() + ":products";
    List<Map<String, AttributeValue>> items = storedItems(partitionKey);
    assertThat(items).hasSize(120);
    List<Integer> offloaded = new ArrayList<>();
    List<Integer> rejected = new ArrayList<>();
    long total = 0;
    for (Map<String, AttributeValue> item : items) {
      int index = Integer.parseInt(item.get("sort_key").n());
      JsonNode priced;
      if (item.containsKey("s3_key")) {
        offloaded.add(index);
        priced =
            JsonMapper.shared()
                .readTree(
                    aws.s3Client()
                        .getObjectAsBytes(
                            r -> r.bucket(resources.bucketName()).key(item.get("s3_key").s()))
                        .asByteArray());
      } else {
        priced = JsonMapper.shared().readTree(item.get("data").s());
      }
      if (priced.get("rejection").isNull()) {
        total += priced.get("price_cents").asLong();
      } else {
        rejected.add(index);
        assertThat(priced.get("rejection").asString())
            .isEqualTo("io.github.py2sfn.sample.catalog.InvalidProductException");
      }
    }
    assertThat(offloaded).containsExactly(0, 50, 100);
    assertThat(rejected).containsExactly(39, 79, 119);
    assertThat(count(result, HistoryEventType.ERROR_CAUGHT)).isEqualTo(3);

    JsonNode summary = result.output();
    assertThat(summary.get("execution_name").asString()).isEqualTo(result.executionName());
    assertThat(summary.get("product_count").asInt()).isEqualTo(120);
    assertThat(summary.get("rejected_count").asInt()).isEqualTo(3);
    assertThat(summary.get("total_value_cents").asLong()).isEqualTo(total);
    assertThat(summary.get("previous_total_value_cents").isNull()).isTrue();
  }

  @Test
  void theSummaryOfTheRunBeforeIsReadAcrossExecutions() {
    ExecutionResult first = workflow.run(INPUT);
    ExecutionResult second =
        workflow.run(INPUT.replace("\"product_count\": 120", "\"product_count\": 60"));

    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(second.output().get("previous_total_value_cents").asLong())
        .isEqualTo(first.output().get("total_value_cents").asLong());
    assertThat(second.output().get("product_count").asInt()).isEqualTo(60);
  }

  @Test
  void theGateStopsTheExecutionWhenTheFlagIsOff() {
    ExecutionResult result =
        workflow.run(INPUT.replace("\"feature_enabled\": true", "\"feature_enabled\": false"));

    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(result.error()).isEqualTo("FeatureDisabled");
    assertThat(result.cause())
        .isEqualTo("Catalog pricing is switched off (feature_enabled is false)");
    assertThat(result.history())
        .extracting(HistoryEvent::stateName)
        .doesNotContain("LoadCatalog", "PriceProducts", "Summarize");
    assertThat(storedItems(result.executionName() + ":products")).isEmpty();
  }

  private static long count(ExecutionResult result, HistoryEventType type) {
    return result.history().stream().filter(event -> event.type() == type).count();
  }

  private List<Map<String, AttributeValue>> storedItems(String partitionKey) {
    return aws.storedItems(resources.tableName(), partitionKey);
  }
}
