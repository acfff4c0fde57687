package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.state.FastRetries.FAST_STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throttling and 5xx responses, as AWS sends them, in front of the emulator: the SDK's retry
 * strategy in standard mode retries them until the data is stored, and gives up after its maximum
 * attempts with an error naming what was not written. (The attempts each client of the starter
 * makes are counted by the auto-configuration's {@code AwsClientsRetryTest}.)
 */
@AwsEmulatorTest
class StateDataThrottlingTest {

  static final int THRESHOLD = 1_000;

  private AwsEmulator aws;
  private StateDataResources resources;
  private final HttpFaultInjector faults = new HttpFaultInjector();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @Test
  void throttledPutItemIsRetriedUntilStored() {
    faults.fail("PutItem", 2, Fault.dynamoDb("ProvisionedThroughputExceededException"));

    client(FAST_STANDARD).putItem("order", Map.of("id", "o-1"));

    assertThat(faults.attempts("PutItem")).isEqualTo(3);
    assertThat(reader().getItem("order", Map.class)).isEqualTo(Map.of("id", "o-1"));
  }

  @Test
  void throttledBatchWritesAndQueriesAreRetriedUntilAllItemsAreStoredAndRead() {
    faults
        .fail("TransactWriteItems", 2, Fault.dynamoDb("ThrottlingException"))
        .fail("Query", 2, Fault.dynamoDb("ThrottlingException"));
    List<String> elements = IntStream.range(0, 60).mapToObj(i -> "line-" + i).toList();
    StateDataClient client = client(FAST_STANDARD);

    client.putItems("lines", elements);
    List<String> read = client.getItems("lines", String.class);

    assertThat(faults.injected()).isEqualTo(4);
    assertThat(read).containsExactlyElementsOf(elements);
    assertThat(reader().getItems("lines", String.class)).containsExactlyElementsOf(elements);
  }

  @Test
  void serverErrorsOfReadsAreRetried() {
    reader().putItem("profile", "stored", 0);
    faults.fail("GetItem", 2, Fault.dynamoDbServerError());

    assertThat(client(FAST_STANDARD).getItem("profile", String.class)).isEqualTo("stored");
    assertThat(faults.attempts("GetItem")).isEqualTo(3);
  }

  @Test
  void s3SlowDownIsRetriedForOffloadedUploadsAndDownloads() {
    faults.fail("PutObject", 2, Fault.s3SlowDown()).fail("GetObject", 2, Fault.s3SlowDown());
    String large = "x".repeat(THRESHOLD * 3);
    StateDataClient client = client(FAST_STANDARD);

    client.putItems("documents", List.of("small", large));
    List<String> read = client.getItems("documents", String.class);

    assertThat(read).containsExactly("small", large);
    assertThat(faults.attempts("PutObject")).isEqualTo(3);
    assertThat(faults.attempts("GetObject")).isEqualTo(3);
    assertThat(
            aws.s3Client()
                .headObject(
                    r ->
                        r.bucket(resources.bucketName())
                            .key(storedItem("exec-1:documents", 1).get("s3_key").s()))
                .contentLength())
        .isEqualTo(large.length() + 2L);
  }

  @Test
  void persistentThrottlingFailsAfterTheStrategysMaxAttemptsNamingTheItemAndStoresNothing() {
    faults.fail(
        "PutItem", Integer.MAX_VALUE, Fault.dynamoDb("ProvisionedThroughputExceededException"));

    assertThatThrownBy(() -> client(FAST_STANDARD).putItem("order", Map.of("id", "o-1"), 4))
        .isInstanceOf(StateDataAccessException.class)
        .hasMessage(
            "DynamoDB PutItem failed for the state data item at table '"
                + resources.tableName()
                + "', partition key 'exec-1:order', index 4")
        .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);

    assertThat(faults.attempts("PutItem")).isEqualTo(FAST_STANDARD.maxAttempts());
    assertThat(storedItem("exec-1:order", 4)).isEmpty();
  }

  @Test
  void persistentlyThrottledBatchesAreListedAsNotWritten() {
    faults.fail("TransactWriteItems", Integer.MAX_VALUE, Fault.dynamoDb("ThrottlingException"));
    List<Integer> elements = IntStream.range(0, 30).boxed().toList();

    assertThatThrownBy(() -> client(FAST_STANDARD).putItems("numbers", elements))
        .isInstanceOfSatisfying(
            ItemsNotWrittenException.class,
            failure -> assertThat(failure.indexes()).containsExactlyElementsOf(elements));

    // Two batches (25 + 5), each tried the strategy's maximum number of times.
    assertThat(faults.attempts("TransactWriteItems")).isEqualTo(2 * FAST_STANDARD.maxAttempts());
    assertThat(reader().getItems("numbers", Integer.class)).isEmpty();
  }

  @Test
  void theStandardRetryModeRetriesThrottling() {
    faults.fail("PutItem", 1, Fault.dynamoDb("ThrottlingException"));
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
            .overrideConfiguration(
                o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(faults))
            .build();

    builder(dynamoDb, aws.s3Client()).build().putItem("order", "o-2");

    assertThat(faults.attempts("PutItem")).isEqualTo(2);
    assertThat(reader().getItem("order", String.class)).isEqualTo("o-2");
  }

  private Map<String, AttributeValue> storedItem(String partitionKey, int index) {
    return aws.storedItem(resources.tableName(), partitionKey, index);
  }

  private StateDataClient client(RetryStrategy retryStrategy) {
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
            .overrideConfiguration(
                o -> o.retryStrategy(retryStrategy).addExecutionInterceptor(faults))
            .build();
    S3Client s3 =
        aws.configure(S3Client.builder())
            .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
            .overrideConfiguration(
                o -> o.retryStrategy(retryStrategy).addExecutionInterceptor(faults))
            .build();
    return builder(dynamoDb, s3).build();
  }

  private StateDataClient.Builder builder(DynamoDbClient dynamoDb, S3Client s3) {
    return StateDataFixture.builder(aws, resources)
        .dynamoDbClient(dynamoDb)
        .s3Client(s3)
        .offloadThreshold(THRESHOLD);
  }

  private StateDataClient reader() {
    return builder(aws.dynamoDbClient(), aws.s3Client()).build();
  }
}
