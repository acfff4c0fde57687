package io.github.py2sfn.tasktools.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health indicator against a real table and bucket. */
@AwsEmulatorTest
class StateDataHealthIndicatorTest {

  @Test
  void upWhenTheTableIsActiveAndTheBucketReachable(AwsEmulator aws, StateDataResources resources) {
    Health health =
        new StateDataHealthIndicator(
                aws.dynamoDbClient(),
                resources.tableName(),
                aws.s3Client(),
                resources.bucketName(),
                null)
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("table", resources.tableName())
        .containsEntry("tableStatus", "ACTIVE")
        .containsEntry("bucket", resources.bucketName());
  }

  @Test
  void downWhenTheTableIsMissing(AwsEmulator aws, StateDataResources resources) {
    Health health =
        new StateDataHealthIndicator(
                aws.dynamoDbClient(), "no-such-table", aws.s3Client(), resources.bucketName(), null)
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsKey("error");
  }

  @Test
  void downWhenTheBucketIsMissing(AwsEmulator aws, StateDataResources resources) {
    Health health =
        new StateDataHealthIndicator(
                aws.dynamoDbClient(),
                resources.tableName(),
                aws.s3Client(),
                "no-such-bucket-py2sfn",
                null)
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
  }
}
