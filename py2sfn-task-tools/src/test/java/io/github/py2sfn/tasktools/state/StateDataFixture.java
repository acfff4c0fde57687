package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.List;

/**
 * The state data client of the tests: the emulator's DynamoDB and S3 clients, the test's fresh
 * table and bucket, namespace {@value #NAMESPACE}. Tests change what they test on the builder.
 */
public final class StateDataFixture {

  /** The namespace (execution name) of the tests' clients. */
  public static final String NAMESPACE = "exec-1";

  private StateDataFixture() {}

  /**
   * Reads the indexes (sort keys) a partition key holds in the test's table, straight from the
   * table, in order.
   *
   * @param aws the emulator
   * @param resources the test's table
   * @param partitionKey the full partition key
   * @return the stored indexes
   */
  public static List<Integer> storedIndexes(
      AwsEmulator aws, StateDataResources resources, String partitionKey) {
    return aws.storedItems(resources.tableName(), partitionKey).stream()
        .map(item -> Integer.parseInt(item.get("sort_key").n()))
        .toList();
  }

  /**
   * Starts a client on the emulator, the test's table and bucket, in namespace {@value #NAMESPACE}.
   *
   * @param aws the emulator
   * @param resources the test's table and bucket
   * @return the builder, to adjust and build
   */
  public static StateDataClient.Builder builder(AwsEmulator aws, StateDataResources resources) {
    return StateDataClient.builder()
        .dynamoDbClient(aws.dynamoDbClient())
        .s3Client(aws.s3Client())
        .tableName(resources.tableName())
        .bucket(resources.bucketName())
        .namespace(NAMESPACE);
  }
}
