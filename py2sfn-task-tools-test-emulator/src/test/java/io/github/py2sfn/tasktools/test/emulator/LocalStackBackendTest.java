package io.github.py2sfn.tasktools.test.emulator;

import static io.github.py2sfn.tasktools.test.emulator.StateMachines.awaitEnd;
import static io.github.py2sfn.tasktools.test.emulator.StateMachines.createPassStateMachine;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs against its own LocalStack whatever backend is configured; skipped where Docker is missing.
 */
@Tag("aws-emulator")
class LocalStackBackendTest {

  @Test
  void servesStateDataResourcesAndExecutesStateMachines() throws InterruptedException {
    try (DefaultAwsEmulator localStack = AwsEmulators.create("localstack")) {
      StateDataResources resources = localStack.createStateDataResources();
      assertThat(
              localStack
                  .dynamoDbClient()
                  .describeTimeToLive(request -> request.tableName(resources.tableName()))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
      localStack
          .s3Client()
          .putObject(
              request -> request.bucket(resources.bucketName()).key("k"),
              RequestBody.fromString("v"));
      assertThat(
              localStack
                  .s3Client()
                  .getObjectAsBytes(request -> request.bucket(resources.bucketName()).key("k"))
                  .asUtf8String())
          .isEqualTo("v");

      localStack.enableStateMachineExecution();
      String stateMachineArn = createPassStateMachine(localStack);
      String executionArn =
          localStack
              .sfnClient()
              .startExecution(request -> request.stateMachineArn(stateMachineArn))
              .executionArn();
      assertThat(awaitEnd(localStack.sfnClient(), executionArn).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
