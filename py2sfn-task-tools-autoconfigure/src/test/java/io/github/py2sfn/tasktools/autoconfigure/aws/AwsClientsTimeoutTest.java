package io.github.py2sfn.tasktools.autoconfigure.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.LoopbackProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * A hung endpoint costs a call {@code py2sfn.aws.api-call-timeout}, not the HTTP client's 30 s
 * socket timeout on each attempt: each attempt is given up after {@code
 * py2sfn.aws.api-call-attempt-timeout} and retried. Here S3 hangs while DynamoDB (the emulator)
 * answers, with sub-second timeouts.
 */
@AwsEmulatorTest
class AwsClientsTimeoutTest {

  @Test
  void anOffloadToAHungS3EndsAtTheCallTimeoutAndStoresNoItem(
      AwsEmulator aws, StateDataResources resources) throws Exception {
    try (LoopbackProxy hungS3 = LoopbackProxy.hung()) {
      ApplicationContextRunner runner =
          new ApplicationContextRunner()
              .withConfiguration(
                  AutoConfigurations.of(
                      AwsClientsAutoConfiguration.class, StateDataAutoConfiguration.class))
              .withPropertyValues(
                  "py2sfn.region=" + aws.region().id(),
                  "py2sfn.endpoint=" + aws.endpoint(),
                  "py2sfn.table-name=" + resources.tableName(),
                  "py2sfn.bucket=" + resources.bucketName(),
                  "py2sfn.offload-threshold=100B",
                  "py2sfn.aws.api-call-attempt-timeout=200ms",
                  "py2sfn.aws.api-call-timeout=600ms")
              .withBean(
                  DynamoDbClientCustomizer.class,
                  () -> builder -> builder.credentialsProvider(aws.credentialsProvider()))
              .withBean(
                  S3ClientCustomizer.class,
                  () ->
                      builder ->
                          builder
                              .credentialsProvider(aws.credentialsProvider())
                              .endpointOverride(hungS3.endpoint()));

      runner.run(
          context -> {
            StateDataClient stateData =
                context.getBean(StateDataClient.class).withNamespace("exec-1");
            long start = System.nanoTime();

            assertThatThrownBy(() -> stateData.put(ItemRef.local("document"), "x".repeat(1_000)))
                .isInstanceOf(StateDataAccessException.class)
                .hasMessage(
                    "S3 PutObject of 'workflow_state_data/%1$s/exec-1:document/0' to bucket '%2$s'"
                        + " failed for the state data item at table '%1$s', partition key"
                        + " 'exec-1:document', index 0",
                    resources.tableName(), resources.bucketName())
                .hasCauseInstanceOf(ApiCallTimeoutException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(3));
          });

      // Attempts were given up and retried rather than one waiting on the socket.
      assertThat(hungS3.connections()).isGreaterThanOrEqualTo(2);
      // Offloaded data goes to S3 first: no item points to an object that was not written.
      assertThat(aws.storedItem(resources.tableName(), "exec-1:document", 0)).isEmpty();
    }
  }
}
