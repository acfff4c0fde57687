package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;

/**
 * A Map state in {@code ProcessorConfig.Mode: DISTRIBUTED} with its items in the state input, as
 * the Distributed Map state page describes it
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html): each item runs
 * as a child workflow execution, named {@code
 * arn:aws:states:<region>:<account>:execution:<stateMachine>/<label>:<name>}, up to 10,000 at once,
 * and the results make an array as an inline Map's do.
 */
class DistributedMapTest {

  private static final String PREFIX = "arn:aws:states:us-east-1:123456789012:execution:Orders/";

  private static String distributed(String extra, String processorStates) {
    return """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true%s,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Child", "States": {%s}}}}}"""
        .formatted(extra, processorStates);
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static LocalStateMachineRunner.Builder builder(String definition) {
    return LocalStateMachineRunner.builder().definition(definition).stateMachineName("Orders");
  }

  @Test
  void eachItemRunsAsAChildExecutionWithItsOwnNameArnAndInput() {
    String definition =
        distributed(
            """
            , "ItemsPath": "$.orders", "Label": "Orders",
            "ItemSelector": {"order.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index",
              "region.$": "$.region"}""",
            """
            "Child": {"Type": "Pass", "End": true, "Parameters": {
              "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name",
              "input.$": "$$.Execution.Input", "self.$": "$"}}""");

    ExecutionResult result =
        builder(definition).build().run("{\"orders\": [\"a\", \"b\", \"c\"], \"region\": \"eu\"}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = result.output();
    assertThat(output).hasSize(3);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      JsonNode child = output.get(i);
      String name = child.get("name").asString();
      names.add(name);
      assertThat(child.get("id").asString()).isEqualTo(PREFIX + "Orders:" + name);
      // The child execution's input is its ItemSelector result, built in the parent.
      assertThat(child.get("input")).isEqualTo(child.get("self"));
      assertThat(child.get("self").get("order").asString())
          .isEqualTo(List.of("a", "b", "c").get(i));
      assertThat(child.get("self").get("index").asInt()).isEqualTo(i);
      assertThat(child.get("self").get("region").asString()).isEqualTo("eu");
    }
    assertThat(names).hasSize(3).doesNotContain(result.executionName());
    // Each child's start names its execution.
    assertThat(result.history())
        .filteredOn(event -> event.type() == HistoryEventType.ITERATION_STARTED)
        .extracting(HistoryEvent::detail)
        .containsExactlyInAnyOrderElementsOf(
            names.stream().map(name -> "execution: " + PREFIX + "Orders:" + name).toList());
  }

  @Test
  void withoutALabelTheChildArnsCarryTheStateName() {
    String definition =
        distributed(
            "", "\"Child\": {\"Type\": \"Pass\", \"End\": true, \"OutputPath\": \"$$.Execution\"}");

    ExecutionResult result = builder(definition).build().run("[1]");

    JsonNode execution = result.output().get(0);
    assertThat(execution.get("Id").asString())
        .isEqualTo(PREFIX + "Fan:" + execution.get("Name").asString());
  }

  /**
   * Passing data between states with variables
   * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html), variable scope:
   * an inline Map's iterations read the outer variables; a Distributed Map's child workflows have a
   * scope of their own, so the parent hands values in through ItemSelector.
   */
  static Stream<Arguments> outerVariables() {
    return Stream.of(
        Arguments.of("INLINE", ExecutionStatus.SUCCEEDED),
        Arguments.of("DISTRIBUTED", ExecutionStatus.FAILED));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("outerVariables")
  void onlyAnInlineMapsIterationsSeeTheOuterVariables(String mode, ExecutionStatus status) {
    String definition =
        """
        {"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"tax": 7}, "Next": "Fan"},
          "Fan": {"Type": "Map", "End": true,
            "ItemSelector": {"item.$": "$$.Map.Item.Value", "passed.$": "$tax"},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "%s", "ExecutionType": "STANDARD"},
              "StartAt": "Child", "States": {
                "Child": {"Type": "Pass", "End": true,
                  "Parameters": {"passed.$": "$.passed", "outer.$": "$tax"}}}}}}}"""
            .formatted(mode);

    ExecutionResult result = builder(definition).build().run("[1]");

    assertThat(result.status()).isEqualTo(status);
    if (status == ExecutionStatus.SUCCEEDED) {
      assertThat(result.output().get(0).get("outer").asInt()).isEqualTo(7);
    } else {
      assertThat(result.error()).isEqualTo("States.Runtime");
      assertThat(result.cause()).contains("tax");
    }
  }

  /**
   * The rule that "a variable assigned in an inner scope may not have the name of one assigned in
   * an outer scope" (workflow-variables.html, variable scope) is about nested scopes of one
   * execution; a child execution reuses the name freely.
   */
  @Test
  void aChildMayAssignAVariableNamedAsOneOfTheParent() {
    String definition =
        """
        {"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"total": 1}, "Next": "Fan"},
          "Fan": {"Type": "Map", "End": true,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Child", "States": {
                "Child": {"Type": "Pass", "Assign": {"total.$": "$"}, "Next": "Read"},
                "Read": {"Type": "Pass", "End": true, "Parameters": {"total.$": "$total"}}}}}}}""";

    ExecutionResult result = builder(definition).build().run("[5, 6]");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get(0).get("total").asInt()).isEqualTo(5);
    assertThat(result.output().get(1).get("total").asInt()).isEqualTo(6);
  }

  @Test
  void theChildrenOfAJsonataDistributedMapSeeTheirOwnExecutionInTheContext() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true, "Items": "{% $states.input.ids %}",
            "ItemSelector": {"id": "{% $states.context.Map.Item.Value %}",
              "index": "{% $states.context.Map.Item.Index %}"},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "Child", "States": {
                "Child": {"Type": "Pass", "End": true, "Output":
                  "{% $merge([$states.input, {'arn': $states.context.Execution.Id}]) %}"}}}}}}""";

    ExecutionResult result = builder(definition).build().run("{\"ids\": [\"x\", \"y\"]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    for (int i = 0; i < 2; i++) {
      JsonNode child = result.output().get(i);
      assertThat(child.get("id").asString()).isEqualTo(List.of("x", "y").get(i));
      assertThat(child.get("index").asInt()).isEqualTo(i);
      assertThat(child.get("arn").asString()).startsWith(PREFIX + "Fan:");
    }
  }

  /**
   * More children run at once than an inline Map's 40: "up to 10,000 parallel child workflow
   * executions" when MaxConcurrency is absent.
   */
  @Test
  void moreThanFortyChildrenRunAtOnce() {
    int children = 50;
    CountDownLatch allStarted = new CountDownLatch(children);
    String definition =
        distributed(
            "",
            "\"Child\": {\"Type\": \"Task\", \"Resource\":"
                + " \"arn:aws:lambda:us-east-1:123456789012:function:wait\", \"End\": true}");

    ExecutionResult result =
        builder(definition)
            .taskInvoker(
                request -> {
                  allStarted.countDown();
                  try {
                    return BooleanNode.valueOf(allStarted.await(10, TimeUnit.SECONDS));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                })
            .build()
            .run("[" + "0,".repeat(children - 1) + "0]");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).hasSize(children).allMatch(JsonNode::asBoolean);
  }

  /**
   * Tolerated failure threshold for Distributed Map state
   * (https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html): "Your Map
   * Run fails if this value is exceeded", the percentage being "the total number of failed or timed
   * out items divided by the total number of items"; "If you specify both values, the workflow
   * fails when it exceeds either value", with {@code States.ExceedToleratedFailureThreshold}. Four
   * items, {@code failing} of them fail with {@code Boom}.
   */
  static Stream<Arguments> thresholds() {
    String exceeded = "States.ExceedToleratedFailureThreshold";
    return Stream.of(
        // No threshold: the first failure fails the state with its error.
        Arguments.of("JSONPath", "", 1, "Boom"),
        Arguments.of("JSONPath", ", \"ToleratedFailureCount\": 1", 1, null),
        Arguments.of("JSONPath", ", \"ToleratedFailureCount\": 1", 2, exceeded),
        Arguments.of("JSONPath", ", \"ToleratedFailurePercentage\": 25", 1, null),
        Arguments.of("JSONPath", ", \"ToleratedFailurePercentage\": 25", 2, exceeded),
        Arguments.of(
            "JSONPath",
            ", \"ToleratedFailurePercentage\": 50, \"ToleratedFailureCount\": 0",
            1,
            exceeded),
        Arguments.of("JSONPath", ", \"ToleratedFailureCountPath\": \"$.tolerate\"", 1, null),
        Arguments.of("JSONPath", ", \"ToleratedFailurePercentagePath\": \"$.share\"", 1, exceeded),
        Arguments.of("JSONata", "", 1, "Boom"),
        Arguments.of(
            "JSONata", ", \"ToleratedFailureCount\": \"{% $states.input.tolerate %}\"", 1, null),
        Arguments.of("JSONata", ", \"ToleratedFailurePercentage\": 50", 2, null),
        Arguments.of("JSONata", ", \"ToleratedFailurePercentage\": 50", 3, exceeded));
  }

  @ParameterizedTest(name = "{0}{1}, {2} failing: {3}")
  @MethodSource("thresholds")
  void failedItemsWithinTheThresholdLeaveTheirErrorOutputInTheResults(
      String language, String fields, int failing, String error) {
    boolean jsonata = language.equals("JSONata");
    String definition =
        """
        {"QueryLanguage": "%s", "StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true, "%s": "%s"%s,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [%s], "Default": "Done"},
                "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "bad"},
                "Done": {"Type": "Pass", "End": true}}}}}}"""
            .formatted(
                language,
                jsonata ? "Items" : "ItemsPath",
                jsonata ? "{% $states.input.items %}" : "$.items",
                fields,
                jsonata
                    ? "{\"Condition\": \"{% $states.input.fail %}\", \"Next\": \"Boom\"}"
                    : "{\"Variable\": \"$.fail\", \"BooleanEquals\": true,"
                        + " \"Next\": \"Boom\"}");
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      items.append(i == 0 ? "" : ", ").append("{\"n\": ").append(i);
      items.append(", \"fail\": ").append(i < failing).append("}");
    }
    String input = "{\"items\": [" + items + "], \"tolerate\": 1, \"share\": 10}";

    ExecutionResult result = builder(definition).build().run(input);

    if (error != null) {
      assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.error()).isEqualTo(error);
      return;
    }
    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    for (int i = 0; i < 4; i++) {
      JsonNode child = result.output().get(i);
      if (i < failing) {
        assertThat(child.get("Error").asString()).isEqualTo("Boom");
        assertThat(child.get("Cause").asString()).isEqualTo("bad");
      } else {
        assertThat(child.get("n").asInt()).isEqualTo(i);
      }
    }
  }

  /**
   * ItemBatcher (Map)
   * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html): each
   * child's input is {@code {"Items": [...], "BatchInput": ...}}, the items after ItemSelector, at
   * most {@code MaxItemsPerBatch} of them and at most {@code MaxInputBytesPerBatch} bytes.
   */
  static Stream<Arguments> batches() {
    String child = "\"Child\": {\"Type\": \"Pass\", \"End\": true}";
    return Stream.of(
        Arguments.of(
            distributed(
                ", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2,"
                    + " \"BatchInput\": {\"factor.$\": \"$.factor\"}}, \"ItemsPath\": \"$.items\"",
                child),
            "{\"items\": [0, 1, 2, 3, 4], \"factor\": 3}",
            "[{\"Items\": [0, 1], \"BatchInput\": {\"factor\": 3}},"
                + " {\"Items\": [2, 3], \"BatchInput\": {\"factor\": 3}},"
                + " {\"Items\": [4], \"BatchInput\": {\"factor\": 3}}]"),
        // {"Items":[]} is 12 bytes, each "aaaa" 7 with its comma: two fit in 30, not three.
        Arguments.of(
            distributed(
                ", \"ItemBatcher\": {\"MaxInputBytesPerBatchPath\": \"$.bytes\"}"
                    + ", \"ItemsPath\": \"$.items\"",
                child),
            "{\"items\": [\"aaaa\", \"aaaa\", \"aaaa\"], \"bytes\": 30}",
            "[{\"Items\": [\"aaaa\", \"aaaa\"]}, {\"Items\": [\"aaaa\"]}]"),
        // ItemSelector shapes each item before it joins a batch.
        Arguments.of(
            distributed(
                ", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2},"
                    + " \"ItemSelector\": {\"at.$\": \"$$.Map.Item.Index\"}",
                child),
            "[\"x\", \"y\", \"z\"]",
            "[{\"Items\": [{\"at\": 0}, {\"at\": 1}]}, {\"Items\": [{\"at\": 2}]}]"),
        Arguments.of(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
              "Fan": {"Type": "Map", "End": true,
                "ItemBatcher": {"MaxItemsPerBatch": "{% 3 %}",
                  "BatchInput": {"of": "{% $count($states.input) %}"}},
                "ItemProcessor": {
                  "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Child", "States": {"Child": {"Type": "Pass", "End": true}}}}}}""",
            "[1, 2, 3, 4, 5]",
            "[{\"Items\": [1, 2, 3], \"BatchInput\": {\"of\": 5}},"
                + " {\"Items\": [4, 5], \"BatchInput\": {\"of\": 5}}]"));
  }

  @ParameterizedTest
  @MethodSource("batches")
  void anItemBatcherGivesEachChildABatchOfItems(String definition, String input, String output) {
    ExecutionResult result = builder(definition).build().run(input);

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(JSON.readTree(output));
  }

  /** A failed batch fails each of its items toward the tolerated failure threshold. */
  @ParameterizedTest(name = "ToleratedFailureCount {0}: {1}")
  @MethodSource("batchThresholds")
  void aFailedBatchCountsAllItsItems(int tolerated, ExecutionStatus status) {
    String definition =
        distributed(
            ", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2}, \"ToleratedFailureCount\": " + tolerated,
            """
            "Child": {"Type": "Choice", "Choices": [{"Variable": "$.Items[0]",
              "NumericEquals": 0, "Next": "Boom"}], "Default": "Done"},
            "Boom": {"Type": "Fail", "Error": "Boom"},
            "Done": {"Type": "Pass", "End": true}""");

    ExecutionResult result = builder(definition).build().run("[0, 1, 2, 3]");

    assertThat(result.status()).isEqualTo(status);
    if (status == ExecutionStatus.FAILED) {
      assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }
  }

  static Stream<Arguments> batchThresholds() {
    return Stream.of(
        Arguments.of(1, ExecutionStatus.FAILED), Arguments.of(2, ExecutionStatus.SUCCEEDED));
  }

  static Stream<Arguments> definitionErrors() {
    String child = "\"Child\": {\"Type\": \"Pass\", \"End\": true}";
    return Stream.of(
        Arguments.of(
            distributed("", child).replace("\"DISTRIBUTED\"", "\"PARALLEL\""),
            "ItemProcessor.ProcessorConfig.Mode"),
        Arguments.of(
            distributed("", child).replace(", \"ExecutionType\": \"STANDARD\"", ""),
            "ItemProcessor.ProcessorConfig.ExecutionType"),
        Arguments.of(
            distributed("", child).replace("\"STANDARD\"", "\"SYNC\""),
            "ItemProcessor.ProcessorConfig.ExecutionType"),
        // Only a Distributed Map has a tolerated failure threshold.
        Arguments.of(
            distributed(", \"ToleratedFailureCount\": 1", child)
                .replace("\"DISTRIBUTED\"", "\"INLINE\""),
            "ToleratedFailureCount"),
        Arguments.of(
            distributed(", \"ToleratedFailureCount\": -1", child), "ToleratedFailureCount"),
        Arguments.of(
            distributed(", \"ToleratedFailurePercentage\": 101", child),
            "ToleratedFailurePercentage"),
        Arguments.of(
            distributed(
                ", \"ToleratedFailureCount\": 1, \"ToleratedFailureCountPath\": \"$.n\"", child),
            "ToleratedFailureCountPath"),
        Arguments.of(
            distributed(", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2}", child)
                .replace("\"DISTRIBUTED\"", "\"INLINE\""),
            "ItemBatcher"),
        Arguments.of(distributed(", \"ItemBatcher\": {}", child), "ItemBatcher"),
        Arguments.of(
            distributed(", \"ItemBatcher\": {\"MaxItemsPerBatch\": 0}", child),
            "ItemBatcher.MaxItemsPerBatch"),
        Arguments.of(
            distributed(", \"ItemBatcher\": {\"MaxInputBytesPerBatch\": 300000}", child),
            "ItemBatcher.MaxInputBytesPerBatch"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("definitionErrors")
  void definitionErrorsNameStateAndField(String definition, String field) {
    assertThatThrownBy(() -> builder(definition).build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).as(e.getMessage()).isEqualTo("Fan");
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            });
  }
}
