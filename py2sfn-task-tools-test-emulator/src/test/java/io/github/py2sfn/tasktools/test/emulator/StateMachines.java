package io.github.py2sfn.tasktools.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Step Functions helpers shared by the tests. */
final class StateMachines {

  private static final String PASS_DEFINITION =
      """
            {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}}""";

  private StateMachines() {}

  /** Creates a uniquely named state machine of a single Pass state and returns its ARN. */
  static String createPassStateMachine(AwsEmulator emulator) {
    return emulator
        .sfnClient()
        .createStateMachine(
            request ->
                request
                    .name("py2sfn-test-" + UUID.randomUUID())
                    .definition(PASS_DEFINITION)
                    .roleArn("arn:aws:iam::" + emulator.accountId() + ":role/py2sfn-test"))
        .stateMachineArn();
  }

  /**
   * Polls an execution until it is no longer RUNNING, for at most 30 s, and returns its last
   * description.
   */
  static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    DescribeExecutionResponse execution =
        sfn.describeExecution(request -> request.executionArn(executionArn));
    while (execution.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      execution = sfn.describeExecution(request -> request.executionArn(executionArn));
    }
    return execution;
  }
}
