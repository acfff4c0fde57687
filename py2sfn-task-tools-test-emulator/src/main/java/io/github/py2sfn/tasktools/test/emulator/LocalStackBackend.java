package io.github.py2sfn.tasktools.test.emulator;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Starts LocalStack with Testcontainers; only loaded once Testcontainers is known to be on the
 * classpath.
 */
final class LocalStackBackend {

  private LocalStackBackend() {}

  /**
   * Starts a LocalStack container serving DynamoDB, S3 and Step Functions; closing the emulator
   * stops it.
   *
   * @throws org.opentest4j.TestAbortedException when no Docker engine is available
   */
  static DefaultAwsEmulator start(String image, String accountId) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Assumptions.abort("LocalStack backend skipped: Testcontainers finds no Docker engine");
    }
    LocalStackContainer container =
        new LocalStackContainer(DockerImageName.parse(image))
            .withServices("dynamodb", "s3", "stepfunctions");
    container.start();
    return new DefaultAwsEmulator(
        "localstack",
        container.getEndpoint(),
        Region.of(container.getRegion()),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())),
        // LocalStack executes state machines natively.
        accountId,
        () -> {},
        container::stop);
  }
}
