package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Callback tasks ({@code .waitForTaskToken}) completed through the test API: "Wait for a Callback
 * with Task Token",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token.
 */
class CallbackTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The payloads the function received; its own result is ignored by a callback task. */
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  private LocalStateMachineRunner runner(String definition) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .resourceOverride("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "enqueue")
        .taskInvoker(
            request -> {
              received.add(request.payload());
              return NODES.stringNode("ignored");
            })
        .build();
  }

  @Test
  void lambdaInvokeWaitsForTheTokenItPassesAndTakesTheSuccessOutputAsItsResult() {
    RunningExecution execution =
        runner(
                """
                {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "approve",
                                 "Payload": {"order.$": "$.order", "token.$": "$$.Task.Token"}},
                  "ResultSelector": {"approvedBy.$": "$.by"},
                  "ResultPath": "$.approval", "End": true}}}""")
            .start("{\"order\": 7}");

    String token = execution.awaitTaskToken(WAIT);
    assertThat(execution.pendingTaskTokens()).containsExactly(token);
    assertThat(received)
        .singleElement()
        .satisfies(p -> assertThat(p.get("token").asString()).isEqualTo(token));
    execution.sendTaskSuccess(token, NODES.objectNode().put("by", "Ada"));
    ExecutionResult result = execution.await(WAIT);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // The SendTaskSuccess output is the task result, unwrapped (no Payload envelope).
    assertThat(result.output().toString())
        .isEqualTo("{\"order\":7,\"approval\":{\"approvedBy\":\"Ada\"}}");
    assertThat(execution.pendingTaskTokens()).isEmpty();
  }

  @Test
  void anOverriddenResourceSeesTheTokenInJsonataAndItsFailureIsCaught() {
    RunningExecution execution =
        runner(
                """
                {"QueryLanguage": "JSONata", "StartAt": "Enqueue", "States": {
                  "Enqueue": {"Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Arguments": {"MessageBody": {"token": "{% $states.context.Task.Token %}"}},
                    "Catch": [{"ErrorEquals": ["Payment.Declined"], "Next": "Declined",
                               "Output": "{% $states.errorOutput %}"}],
                    "End": true},
                  "Declined": {"Type": "Pass", "End": true}}}""")
            .start("{}");

    String token = execution.awaitTaskToken(WAIT);
    assertThat(received)
        .singleElement()
        .satisfies(p -> assertThat(p.at("/MessageBody/token").asString()).isEqualTo(token));
    execution.sendTaskFailure(token, "Payment.Declined", "card expired");
    ExecutionResult result = execution.await(WAIT);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString())
        .isEqualTo("{\"Error\":\"Payment.Declined\",\"Cause\":\"card expired\"}");
  }

  @Test
  void heartbeatsKeepATaskWaitingPastItsHeartbeatSeconds() throws InterruptedException {
    RunningExecution execution =
        runner(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "HeartbeatSeconds": 1,
                  "Parameters": {"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}},
                  "End": true}}}""")
            .start("{}");

    String token = execution.awaitTaskToken(WAIT);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(400);
      execution.sendTaskHeartbeat(token);
    }
    execution.sendTaskSuccess(token, NODES.stringNode("done"));

    assertThat(execution.await(WAIT).output().asString()).isEqualTo("done");
  }

  @Test
  void noHeartbeatWithinHeartbeatSecondsFailsWithHeartbeatTimeout() {
    ExecutionResult result =
        runner(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "HeartbeatSeconds": 1,
                  "Parameters": {"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}},
                  "End": true}}}""")
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void noCallbackWithinTimeoutSecondsFailsWithTimeout() {
    ExecutionResult result =
        runner(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "TimeoutSeconds": 1,
                  "Parameters": {"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}},
                  "End": true}}}""")
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Timeout");
  }

  @Test
  void everyRetryAttemptWaitsForANewToken() throws InterruptedException {
    RunningExecution execution =
        runner(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}},
                  "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                  "End": true}}}""")
            .start("{}");

    String first = execution.awaitTaskToken(WAIT);
    execution.sendTaskFailure(first, "Flaky", null);
    String second = awaitAnotherToken(execution, first);
    execution.sendTaskSuccess(second, NODES.numberNode(2));

    assertThat(execution.await(WAIT).output().asInt()).isEqualTo(2);
    assertThat(received).extracting(p -> p.get("token").asString()).containsExactly(first, second);
  }

  @Test
  void aTokenNoTaskWaitsForIsRejected() {
    RunningExecution execution =
        runner(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}},
                  "End": true}}}""")
            .start("{}");
    String token = execution.awaitTaskToken(WAIT);
    execution.sendTaskSuccess(token, NODES.nullNode());
    execution.await(WAIT);

    assertThatThrownBy(() -> execution.sendTaskSuccess(token, NODES.nullNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No task of this execution waits for the task token");
  }

  /**
   * Only {@code lambda:invoke} and overridden resources take the callback pattern; the {@code
   * .sync} pattern is not run locally.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:states:::lambda:invoke.sync",
        "arn:aws:states:::ecs:runTask.waitForTaskToken"
      })
  void otherIntegrationPatternsAreRejectedNamingTheResource(String resource) {
    assertThatThrownBy(
            () ->
                runner(
                    """
                    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s",
                      "Parameters": {"FunctionName": "work"}, "End": true}}}"""
                        .formatted(resource)))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("field Resource");
  }

  private static String awaitAnotherToken(RunningExecution execution, String previous)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> pending = execution.pendingTaskTokens();
      if (!pending.isEmpty() && !pending.get(0).equals(previous)) {
        return pending.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no second attempt waited for a token");
  }
}
