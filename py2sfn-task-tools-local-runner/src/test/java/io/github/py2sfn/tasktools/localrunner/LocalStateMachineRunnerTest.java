package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class LocalStateMachineRunnerTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Nested
  class Tasks {

    @Test
    void lambdaArnInvokesTheFunctionWithTheParametersAndContext() {
      ExecutionResult result =
          LocalStateMachineRunner.builder()
              .definition(
                  """
                            {"StartAt": "Greet", "States": {"Greet": {"Type": "Task",
                              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greet:live",
                              "Parameters": {"name.$": "$.name", "execution.$": "$$.Execution.Id"},
                              "ResultPath": "$.greeting", "End": true}}}""")
              .stateMachineName("hello")
              .taskInvoker(
                  request ->
                      NODES.stringNode(
                          request.functionName()
                              + " "
                              + request.payload().get("name").asString()
                              + " in "
                              + request.executionName()))
              .build()
              .run(NODES.objectNode().put("name", "Ada"), "exec-1");

      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(result.output().get("greeting").asString()).isEqualTo("greet Ada in exec-1");
      assertThat(result.executionArn())
          .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:hello:exec-1");
    }

    @Test
    void lambdaInvokeWrapsTheResultUnderPayload() {
      List<String> invokedFunctions = new CopyOnWriteArrayList<>();
      ExecutionResult result =
          LocalStateMachineRunner.builder()
              .definition(
                  """
                            {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                              "Resource": "arn:aws:states:::lambda:invoke",
                              "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:deployed-double",
                                             "Payload": {"n.$": "$.n"}},
                              "ResultSelector": {"value.$": "$.Payload", "status.$": "$.StatusCode"}, "End": true}}}""")
              .resourceOverride("deployed-double", "double")
              .taskInvoker(
                  request -> {
                    invokedFunctions.add(request.functionName());
                    return NODES.numberNode(request.payload().get("n").asInt() * 2);
                  })
              .build()
              .run("{\"n\": 21}");

      assertThat(invokedFunctions).containsExactly("double");
      assertThat(result.output().toString()).isEqualTo("{\"value\":42,\"status\":200}");
    }

    @Test
    void anUnhandledExceptionFailsLikeAJavaLambdaAndIsCaught() {
      String definition =
          """
                    {"StartAt": "Work", "States": {
                      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
                        "Retry": [{"ErrorEquals": ["java.lang.IllegalStateException"], "MaxAttempts": 2}],
                        "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Handle"}],
                        "End": true},
                      "Handle": {"Type": "Pass", "End": true}}}""";
      AtomicInteger calls = new AtomicInteger();
      ExecutionResult result =
          LocalStateMachineRunner.builder()
              .definition(definition)
              .skipWaits(true)
              .taskInvoker(
                  request -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("no stock");
                  })
              .build()
              .run("{}");

      assertThat(calls).hasValue(3);
      JsonNode error = result.output().get("error");
      assertThat(error.get("Error").asString()).isEqualTo("java.lang.IllegalStateException");
      assertThat(error.get("Cause").asString())
          .startsWith(
              "{\"errorMessage\":\"no stock\",\"errorType\":\"java.lang.IllegalStateException\","
                  + "\"stackTrace\":[");
      assertThat(result.history())
          .extracting(HistoryEvent::type)
          .contains(HistoryEventType.RETRY_SCHEDULED, HistoryEventType.ERROR_CAUGHT);
      assertThat(result.historyTable())
          .contains("Work", "java.lang.IllegalStateException -> Handle");
    }

    @Test
    void aTaskTimeoutIsStatesTimeout() {
      // The task cannot end within its timeout: it waits for this latch, released after the run.
      CountDownLatch releaseTheTask = new CountDownLatch(1);
      ExecutionResult result =
          LocalStateMachineRunner.builder()
              .definition(
                  """
                            {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "TimeoutSeconds": 1,
                              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "End": true}}}""")
              .taskInvoker(
                  request -> {
                    try {
                      releaseTheTask.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return NODES.nullNode();
                  })
              .build()
              .run("{}");
      releaseTheTask.countDown();

      assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.error()).isEqualTo("States.Timeout");
    }
  }

  @Nested
  class Maps {

    @Test
    void aThousandItemsRespectMaxConcurrency() {
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      // The first seven iterations wait until all seven run: the limit is reached, whatever the
      // timing (a runner that allowed fewer would keep them waiting for the whole bound).
      CountDownLatch sevenRunning = new CountDownLatch(7);
      LocalStateMachineRunner runner =
          LocalStateMachineRunner.builder()
              .definition(
                  """
                            {"StartAt": "Fanout", "States": {"Fanout": {"Type": "Map", "MaxConcurrency": 7,
                              "ItemsPath": "$.items", "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value"},
                              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}},
                              "End": true}}}""")
              .taskInvoker(
                  request -> {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    sevenRunning.countDown();
                    try {
                      sevenRunning.await(10, TimeUnit.SECONDS);
                      // Each iteration holds its slot a little, so that one too many would overlap.
                      Thread.sleep(2);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return NODES.numberNode(
                        request.payload().get("v").asInt() + request.payload().get("i").asInt());
                  })
              .build();
      var items = NODES.arrayNode();
      for (int i = 0; i < 1000; i++) {
        items.add(i);
      }

      ExecutionResult result = runner.run(NODES.objectNode().set("items", items));

      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(result.output()).hasSize(1000);
      assertThat(result.output().get(999).asInt()).isEqualTo(1998);
      // Measured: the limit was reached and never exceeded.
      assertThat(maxRunning.get()).isEqualTo(7);
    }
  }

  @Nested
  class Validation {

    @Test
    void unknownStateTypeNamesStateAndField() {
      assertThatThrownBy(
              () ->
                  LocalStateMachineRunner.builder()
                      .definition(
                          "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Magic\", \"End\": true}}}")
                      .build())
          .isInstanceOfSatisfying(
              DefinitionException.class,
              e -> {
                assertThat(e.stateName()).isEqualTo("A");
                assertThat(e.field()).isEqualTo("Type");
                assertThat(e.getMessage()).contains("unknown state type 'Magic'");
              });
    }

    @Test
    void aJsonataMapStateNeedsAnItemProcessor() {
      assertThatThrownBy(
              () ->
                  LocalStateMachineRunner.builder()
                      .definition(
                          "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", "
                              + "\"States\": {\"A\": {\"Type\": \"Map\", \"End\": true}}}")
                      .build())
          .isInstanceOfSatisfying(
              DefinitionException.class, e -> assertThat(e.field()).isEqualTo("ItemProcessor"));
    }

    @Test
    void unknownFieldsOfTheDefinitionRetriersAndCatchersAreNamed() {
      assertThatThrownBy(
              () ->
                  LocalStateMachineRunner.builder()
                      .definition(
                          """
                            {"StartAt": "A", "Owner": "me", "States": {
                              "A": {"Type": "Pass", "End": true,
                                    "Retry": [{"ErrorEquals": ["States.ALL"], "Tries": 2}],
                                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A", "Then": 1}]}}}""")
                      .taskInvoker(request -> request.payload())
                      .build())
          .isInstanceOfSatisfying(
              DefinitionException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains(
                          "Owner: unknown top-level field",
                          "State 'A', field Retry[0].Tries: is not a field of a retrier",
                          "State 'A', field Catch[0].Then: is not a field of a catcher"));
    }

    @Test
    void badPathsAndTargetsAreAllReported() {
      assertThatThrownBy(
              () ->
                  LocalStateMachineRunner.builder()
                      .definition(
                          """
                            {"StartAt": "A", "States": {
                              "A": {"Type": "Pass", "Parameters": {"x.$": "$.a[?("}, "ResultPath": "$.a[*]", "Next": "B"},
                              "B": {"Type": "Map", "ItemProcessor": {"StartAt": "C", "States": {
                                "C": {"Type": "Pass", "Next": "Nowhere"}}}, "End": true},
                              "D": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true}}}""")
                      .build())
          .isInstanceOfSatisfying(
              DefinitionException.class,
              e -> {
                assertThat(e.stateName()).isEqualTo("A");
                assertThat(e.field()).isEqualTo("ResultPath");
                assertThat(e.problems()).hasSize(4);
                assertThat(e.getMessage())
                    .contains(
                        "State 'A', field Parameters",
                        "State 'C', field Next",
                        "State 'D', field Resource");
              });
    }

    @Test
    void taskWithoutAFunctionIsRejected() {
      assertThatThrownBy(
              () ->
                  LocalStateMachineRunner.builder()
                      .definition(
                          "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", "
                              + "\"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:missing\", \"End\": true}}}")
                      .build())
          .isInstanceOf(DefinitionException.class)
          .hasMessageContaining("State 'T', field Resource: no function 'missing'");
    }
  }
}
