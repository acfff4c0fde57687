package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.callback.SfnTaskCallbacks;
import io.github.py2sfn.tasktools.callback.TaskCallbacks;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Callback tasks completed by real AWS SDK calls (SendTaskSuccess, SendTaskFailure) on a client
 * pointing at the emulator, which does not know the runner's tokens: "Wait for a Callback with Task
 * Token",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token.
 */
@AwsEmulatorTest
class CallbackSdkTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SfnClient sfn;
  private static TaskCallbacks callbacks;

  @BeforeAll
  static void clients(AwsEmulator emulator) {
    // Only with its executions on does moto check task tokens, and reject ones it did not issue.
    emulator.enableStateMachineExecution();
    sfn = emulator.sfnClient();
    callbacks = new SfnTaskCallbacks(sfn);
  }

  @Test
  void aTaskBeanCompletesItsOwnTokenWithSendTaskSuccess() {
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(
                """
                {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
                  "ResultPath": "$.approval", "End": true}}}""")
            .taskInvoker(
                request -> {
                  callbacks.succeed(
                      request.payload().get("token").asString(), Map.of("approved", true));
                  return NODES.nullNode();
                })
            .build()
            .run("{\"order\": 7}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString())
        .isEqualTo("{\"order\":7,\"approval\":{\"approved\":true}}");
  }

  @Test
  void sendTaskFailureFromAnotherThreadFailsTheTaskForItsCatch() {
    RunningExecution execution =
        LocalStateMachineRunner.builder()
            .definition(
                """
                {"StartAt": "Pay", "States": {
                  "Pay": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}},
                    "Catch": [{"ErrorEquals": ["Payment.Declined"], "ResultPath": "$.failure",
                               "Next": "Declined"}],
                    "End": true},
                  "Declined": {"Type": "Pass", "End": true}}}""")
            .resourceOverride("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "enqueue")
            .taskInvoker(request -> NODES.nullNode())
            .build()
            .start("{}");

    callbacks.fail(execution.awaitTaskToken(WAIT), "Payment.Declined", "card expired");
    ExecutionResult result = execution.await(WAIT);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString())
        .isEqualTo("{\"failure\":{\"Error\":\"Payment.Declined\",\"Cause\":\"card expired\"}}");
  }

  /** The control: the emulator rejects a token it did not issue, as the runner's tokens are. */
  @Test
  void aTokenTheRunnerDidNotIssueGetsTheEmulatorsAnswer() {
    assertThatThrownBy(
            () -> sfn.sendTaskSuccess(r -> r.taskToken("not-a-local-token").output("{}")))
        .isInstanceOf(SfnException.class);
  }
}
