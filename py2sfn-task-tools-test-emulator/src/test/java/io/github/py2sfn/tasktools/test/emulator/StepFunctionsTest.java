package io.github.py2sfn.tasktools.test.emulator;

import static io.github.py2sfn.tasktools.test.emulator.StateMachines.awaitEnd;
import static io.github.py2sfn.tasktools.test.emulator.StateMachines.createPassStateMachine;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

@AwsEmulatorTest
class StepFunctionsTest {

  @Test
  void withoutExecutionEnabledMotoRecordsAStartedExecutionAsRunning() {
    // A moto server of its own: the shared one's mode is the whole server's, and another test may
    // have enabled execution there already. A new server starts in the recording mode.
    try (DefaultAwsEmulator moto = AwsEmulators.create("moto")) {
      SfnClient sfn = moto.sfnClient();
      String stateMachineArn = createPassStateMachine(moto);

      String executionArn =
          sfn.startExecution(request -> request.stateMachineArn(stateMachineArn).input("{}"))
              .executionArn();

      DescribeExecutionResponse execution =
          sfn.describeExecution(request -> request.executionArn(executionArn));
      assertThat(execution.stateMachineArn()).isEqualTo(stateMachineArn);
      assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  @Test
  void enabledExecutionRunsAPassStateToSuccess(AwsEmulator emulator) throws InterruptedException {
    emulator.enableStateMachineExecution();
    SfnClient sfn = emulator.sfnClient();
    String stateMachineArn = createPassStateMachine(emulator);

    String executionArn =
        sfn.startExecution(
                request -> request.stateMachineArn(stateMachineArn).input("{\"answer\": 42}"))
            .executionArn();

    DescribeExecutionResponse execution = awaitEnd(sfn, executionArn);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output()).isEqualToIgnoringWhitespace("{\"answer\": 42}");
  }
}
