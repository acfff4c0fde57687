package io.github.py2sfn.sample;

import static io.github.py2sfn.sample.local.CatalogDefinition.DISTRIBUTED;
import static io.github.py2sfn.sample.local.CatalogDefinition.JSONATA;
import static io.github.py2sfn.sample.local.CatalogDefinition.JSONPATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.sample.catalog.ApprovalDecision;
import io.github.py2sfn.sample.catalog.ApprovalDecision.Decision;
import io.github.py2sfn.sample.catalog.CallbackSent;
import io.github.py2sfn.sample.catalog.CatalogTasks;
import io.github.py2sfn.sample.catalog.PendingApproval;
import io.github.py2sfn.sample.local.CatalogDefinition;
import io.github.py2sfn.sample.local.CatalogWorkflow;
import io.github.py2sfn.sample.local.Review;
import io.github.py2sfn.sample.local.ReviewedRun;
import io.github.py2sfn.sample.local.StoredProduct;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sample workflow, run locally from its deployed ASL files against the emulator: the success
 * path with offloaded items and caught iteration failures, the stop path, and the summary read
 * across executions, for the JSONPath definition, the JSONata one and the Distributed Map variant,
 * which must give the same results; then the Distributed Map's batches and the approval step.
 */
@AwsEmulatorTest
@Tag("spring-context")
class CatalogWorkflowTest {

  /** 120 products: indexes 0, 50 and 100 have 400 KB descriptions; 39, 79 and 119 are invalid. */
  static final String INPUT =
      """
      {"feature_enabled": true, "product_count": 120, "large_every": 50, "large_description_kb": 400, "invalid_every": 40}""";

  /** The same catalog cut to 60 products. */
  static final String SMALLER_INPUT =
      INPUT.replace("\"product_count\": 120", "\"product_count\": 60");

  /** 20 plain products: for the approval step, where the catalog does not matter. */
  static final String SMALL_INPUT =
      """
      {"feature_enabled": true, "product_count": 20, "large_every": 0, "large_description_kb": 0, "invalid_every": 0}""";

  /** The same catalog with the feature flag off. */
  static final String FLAG_OFF_INPUT =
      INPUT.replace("\"feature_enabled\": true", "\"feature_enabled\": false");

  /** The executions of each test below, in order, for comparing the two definitions. */
  enum Scenario {
    PRICES_THE_CATALOG(INPUT),
    READS_THE_RUN_BEFORE(INPUT, SMALLER_INPUT),
    STOPS_WHEN_THE_FLAG_IS_OFF(FLAG_OFF_INPUT);

    final List<String> inputs;

    Scenario(String... inputs) {
      this.inputs = List.of(inputs);
    }
  }

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

  @ParameterizedTest(name = "{0}")
  @EnumSource(CatalogDefinition.class)
  void pricesTheCatalogWithLargeProductsInS3AndRejectedOnesCaught(CatalogDefinition definition) {
    ExecutionResult result = workflow.run(definition, INPUT);

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<StoredProduct> products = workflow.storedProducts(result);
    assertThat(products).hasSize(120);
    assertThat(products)
        .filteredOn(StoredProduct::offloaded)
        .extracting(StoredProduct::index)
        .containsExactly(0, 50, 100);
    assertThat(products)
        .filteredOn(StoredProduct::rejected)
        .extracting(StoredProduct::index)
        .containsExactly(39, 79, 119);
    assertThat(products)
        .filteredOn(StoredProduct::rejected)
        .extracting(product -> product.priced().get("rejection").asString())
        .containsOnly("io.github.py2sfn.sample.catalog.InvalidProductException");
    assertThat(count(result, HistoryEventType.ERROR_CAUGHT)).isEqualTo(3);

    JsonNode summary = result.output();
    assertThat(summary.get("execution_name").asString()).isEqualTo(result.executionName());
    assertThat(summary.get("product_count").asInt()).isEqualTo(120);
    assertThat(summary.get("rejected_count").asInt()).isEqualTo(3);
    assertThat(summary.get("total_value_cents").asLong())
        .isEqualTo(
            products.stream()
                .filter(product -> !product.rejected())
                .mapToLong(product -> product.priced().get("price_cents").asLong())
                .sum());
    assertThat(summary.get("previous_total_value_cents").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CatalogDefinition.class)
  void theSummaryOfTheRunBeforeIsReadAcrossExecutions(CatalogDefinition definition) {
    ExecutionResult first = workflow.run(definition, INPUT);
    ExecutionResult second = workflow.run(definition, SMALLER_INPUT);

    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(second.output().get("previous_total_value_cents").asLong())
        .isEqualTo(first.output().get("total_value_cents").asLong());
    assertThat(second.output().get("product_count").asInt()).isEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CatalogDefinition.class)
  void theGateStopsTheExecutionWhenTheFlagIsOff(CatalogDefinition definition) {
    ExecutionResult result = workflow.run(definition, FLAG_OFF_INPUT);

    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(result.error()).isEqualTo("FeatureDisabled");
    assertThat(result.cause())
        .isEqualTo("Catalog pricing is switched off (feature_enabled is false)");
    assertThat(result.history())
        .extracting(HistoryEvent::stateName)
        .doesNotContain("LoadCatalog", "PriceProducts", "Summarize");
    assertThat(workflow.storedProducts(result)).isEmpty();
  }

  /**
   * The JSONata definition's {@code Arguments} give every task the event the JSONPath definition's
   * {@code Parameters} give it ("Transforming data with JSONata",
   * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html), the context
   * object {@code $$} being {@code $states.context} ("Accessing execution data from the Context
   * object", https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html),
   * so both end alike: same status, error, cause, output and stored products.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void theJsonataDefinitionGivesTheJsonPathDefinitionsResults(Scenario scenario) {
    assertEndsAsTheJsonPathDefinition(JSONATA, scenario.inputs);
  }

  /**
   * LoadCatalog assigns the list's pointer to {@code $products}, and the Map and Summarize read it
   * from there, as "Passing data between states with variables"
   * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html) shows: a state's
   * {@code Assign} with {@code $states.result}, read by any later state as {@code $name}.
   */
  @Test
  void theJsonataDefinitionCarriesTheListsPointerInAWorkflowVariable() {
    ExecutionResult result = workflow.run(JSONATA, INPUT);

    List<HistoryEvent> assigning =
        result.history().stream().filter(event -> !event.assigned().isEmpty()).toList();
    assertThat(assigning).extracting(HistoryEvent::stateName).containsExactly("LoadCatalog");
    assertThat(assigning.get(0).assigned()).containsOnlyKeys("products");
    JsonNode products = assigning.get(0).assigned().get("products");
    assertThat(products.get("table_name").asString()).isEqualTo(resources.tableName());
    assertThat(products.get("partition_key").asString())
        .isEqualTo(result.executionName() + ":products");
    assertThat(products.get("items")).hasSize(120);
    assertThat(count(result, HistoryEventType.ITERATION_STARTED)).isEqualTo(120);
    assertThat(result.output().get("product_count").asInt()).isEqualTo(120);
  }

  /**
   * The Distributed Map variant: LoadCatalog writes the list with {@code putAllForDistributedMap}
   * ("ItemReader (Map)",
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html, JSONL
   * input), and the Map reads it in batches ("ItemBatcher (Map)",
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html), each batch
   * one child execution ("Using Map state in Distributed mode",
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
   */
  @Nested
  class DistributedMap {

    @Test
    void theListsJsonLinesObjectHoldsOneMapIterationEventPerProduct() {
      ExecutionResult result = workflow.run(DISTRIBUTED, INPUT);

      String partitionKey = result.executionName() + ":products";
      String prefix =
          "workflow_state_data/" + resources.tableName() + "/" + partitionKey + "/distributed_map/";
      List<S3Object> objects =
          aws.s3Client()
              .listObjectsV2(r -> r.bucket(resources.bucketName()).prefix(prefix))
              .contents();
      assertThat(objects).hasSize(1);
      List<String> lines =
          aws.s3Client()
              .getObjectAsBytes(r -> r.bucket(resources.bucketName()).key(objects.get(0).key()))
              .asUtf8String()
              .lines()
              .toList();
      assertThat(lines).hasSize(120);
      for (int index = 0; index < lines.size(); index++) {
        JsonNode line = JsonMapper.shared().readTree(lines.get(index));
        assertThat(line.get("items_result_table_name").asString()).isEqualTo(resources.tableName());
        assertThat(line.get("items_result_partition_key").asString()).isEqualTo(partitionKey);
        assertThat(line.get("items_result_key").asString()).isEqualTo("products");
        assertThat(line.get("context_index").asInt()).isEqualTo(index);
      }
    }

    @Test
    void eachBatchOfAHundredProductsIsOneChildExecution() {
      ExecutionResult result = workflow.run(DISTRIBUTED, INPUT);

      assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<HistoryEvent> children =
          result.history().stream()
              .filter(event -> event.type() == HistoryEventType.ITERATION_STARTED)
              .filter(event -> event.scope().matches("PriceProducts\\[\\d+]"))
              .toList();
      assertThat(children).hasSize(2);
      assertThat(children)
          .extracting(HistoryEvent::detail)
          .allSatisfy(
              detail ->
                  assertThat(detail)
                      .matches(
                          "execution: arn:aws:states:[a-z0-9-]+:\\d{12}:execution:"
                              + "catalog-pricing-distributed/PriceBatch:[0-9a-f-]{36}"));
      Map<String, Long> pricedPerChild =
          result.history().stream()
              .filter(event -> event.type() == HistoryEventType.ITERATION_STARTED)
              .filter(event -> event.scope().matches("PriceProducts\\[\\d+]/PriceBatch\\[\\d+]"))
              .collect(
                  Collectors.groupingBy(
                      event -> event.scope().substring(0, event.scope().indexOf('/')),
                      TreeMap::new,
                      Collectors.counting()));
      assertThat(pricedPerChild)
          .containsExactly(Map.entry("PriceProducts[0]", 100L), Map.entry("PriceProducts[1]", 20L));
    }

    /** Same catalog, same tasks: the variant ends as the inline Map does and stores the same. */
    @Test
    void theDistributedVariantGivesTheInlineDefinitionsResults() {
      assertEndsAsTheJsonPathDefinition(DISTRIBUTED, List.of(INPUT));
    }
  }

  /**
   * The approval step: a callback task ("Wait for a Callback with Task Token",
   * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token)
   * that the {@code approvePricing} function completes through {@code TaskCallbacks}, that is real
   * SDK SendTaskHeartbeat, SendTaskSuccess and SendTaskFailure calls: {@link CatalogWorkflow} never
   * completes a token through the runner's test API, so only the SDK calls, seen by the runner's
   * interceptor, can end the wait.
   */
  @Nested
  class Approval {

    @ParameterizedTest(name = "{0}")
    @EnumSource(CatalogDefinition.class)
    void anApprovalSentWithSendTaskSuccessPublishesTheSummaryWithItsReviewer(
        CatalogDefinition definition) {
      ReviewedRun run = workflow.run(definition, SMALL_INPUT, Review.approves("alice"));

      ExecutionResult result = run.result();
      assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(run.callbacks())
          .extracting(CallbackSent::callback)
          .containsExactly("SendTaskHeartbeat", "SendTaskSuccess");
      assertThat(result.output().get("approved_by").asString()).isEqualTo("alice");
      assertThat(result.output().get("product_count").asInt()).isEqualTo(20);
      assertThat(
              result.history().stream()
                  .filter(event -> event.type() == HistoryEventType.STATE_EXITED)
                  .map(HistoryEvent::stateName))
          .containsSubsequence("Summarize", "AwaitApproval", "PublishSummary");
      // What requestApproval recorded for the approver: the summary under review and a token.
      PendingApproval request =
          workflow
              .stateData()
              .withNamespace(result.executionName())
              .get(ItemRef.local(CatalogTasks.APPROVAL_REQUEST), PendingApproval.class);
      assertThat(request.summary().executionName()).isEqualTo(result.executionName());
      assertThat(request.summary().approvedBy()).isNull();
      assertThat(request.taskToken()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CatalogDefinition.class)
    void aRejectionSentWithSendTaskFailureEndsTheRunAndPublishesNothing(
        CatalogDefinition definition) {
      ExecutionResult published = workflow.run(definition, INPUT);
      ReviewedRun rejected =
          workflow.run(definition, SMALL_INPUT, Review.rejects("bob", "prices below cost"));
      ExecutionResult next = workflow.run(definition, SMALL_INPUT);

      ExecutionResult result = rejected.result();
      assertThat(rejected.callbacks())
          .extracting(CallbackSent::callback)
          .containsExactly("SendTaskFailure");
      assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.error()).isEqualTo(CatalogTasks.PRICING_REJECTED);
      assertThat(result.cause()).isEqualTo("Rejected by bob: prices below cost");
      assertThat(result.history())
          .extracting(HistoryEvent::stateName)
          .contains("AwaitApproval")
          .doesNotContain("PublishSummary");
      // The rejected run's summary was never published: the next run compares with the one before.
      assertThat(next.output().get("previous_total_value_cents").asLong())
          .isEqualTo(published.output().get("total_value_cents").asLong());
    }

    /**
     * Nobody answers within {@code HeartbeatSeconds}, shortened to one second here: the task fails
     * with {@code States.HeartbeatTimeout} ("Task", Task state fields,
     * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html), which no {@code Catch}
     * handles.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CatalogDefinition.class)
    void withoutAnAnswerTheApprovalStepFailsOnItsHeartbeat(CatalogDefinition definition) {
      try (CatalogWorkflow impatient = new CatalogWorkflow(aws, resources, Duration.ofSeconds(1))) {
        ReviewedRun run = impatient.run(definition, SMALL_INPUT, Review.nobody());

        ExecutionResult result = run.result();
        assertThat(run.callbacks()).isEmpty();
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(result.history())
            .extracting(HistoryEvent::stateName)
            .doesNotContain("PublishSummary");
      }
    }

    @Test
    void theApproverRefusesAnExecutionThatRequestedNoApproval() {
      ExecutionResult stopped = workflow.run(JSONPATH, FLAG_OFF_INPUT);

      assertThatThrownBy(
              () ->
                  workflow.answer(
                      new ApprovalDecision(
                          stopped.executionName(), "alice", Decision.APPROVED, null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Execution " + stopped.executionName() + " has requested no approval");
    }
  }

  /**
   * How an execution ended, for comparing two executions: its output without the execution name,
   * which is each execution's own.
   */
  private record Outcome(
      ExecutionStatus status,
      @Nullable String error,
      @Nullable String cause,
      @Nullable JsonNode output) {}

  /**
   * Runs {@code inputs} in turn on the JSONPath definition and on {@code definition}, each against
   * its own table (the summary of the run before is global to a table), and checks that each pair
   * of runs ends alike: same status, error, cause, output and stored products.
   */
  private void assertEndsAsTheJsonPathDefinition(
      CatalogDefinition definition, List<String> inputs) {
    try (CatalogWorkflow other = new CatalogWorkflow(aws, aws.createStateDataResources())) {
      for (String input : inputs) {
        ExecutionResult jsonPath = workflow.run(JSONPATH, input);
        ExecutionResult result = other.run(definition, input);

        assertThat(outcome(result)).isEqualTo(outcome(jsonPath));
        assertThat(other.storedProducts(result))
            .containsExactlyElementsOf(workflow.storedProducts(jsonPath));
      }
    }
  }

  private static Outcome outcome(ExecutionResult result) {
    JsonNode output = result.output();
    if (output != null) {
      assertThat(output.get("execution_name").asString()).isEqualTo(result.executionName());
      ObjectNode withoutName = (ObjectNode) output.deepCopy();
      withoutName.remove("execution_name");
      output = withoutName;
    }
    return new Outcome(result.status(), result.error(), result.cause(), output);
  }

  private static long count(ExecutionResult result, HistoryEventType type) {
    return result.history().stream().filter(event -> event.type() == type).count();
  }
}
