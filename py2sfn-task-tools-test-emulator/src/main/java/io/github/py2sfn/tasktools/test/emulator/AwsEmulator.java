package io.github.py2sfn.tasktools.test.emulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * DynamoDB, S3 and Step Functions APIs for tests: an emulator (moto, LocalStack), any endpoint, or
 * real AWS. Obtain one with {@link AwsEmulators#shared()} or as a parameter of an {@link
 * AwsEmulatorTest} test.
 */
public interface AwsEmulator {

  /** Name of the backend: {@code moto}, {@code localstack}, {@code endpoint} or {@code aws}. */
  String backendName();

  /**
   * Endpoint URL serving all three services.
   *
   * @throws IllegalStateException for the {@code aws} backend, which has no single endpoint; use
   *     {@link #endpointOverride()} where real AWS must work too
   */
  URI endpoint();

  /**
   * The endpoint clients must be pointed at, empty for the {@code aws} backend (the SDK's regional
   * endpoints).
   */
  Optional<URI> endpointOverride();

  /** Region the clients use ({@code us-east-1} unless configured otherwise). */
  Region region();

  /** Credentials the clients use: static {@code test}/{@code test} for emulators. */
  AwsCredentialsProvider credentialsProvider();

  /**
   * Account id owning the resources ({@code 123456789012} for moto, {@code 000000000000} for
   * LocalStack).
   */
  String accountId();

  /** Shared DynamoDB client for this backend; do not close it. */
  DynamoDbClient dynamoDbClient();

  /** Shared S3 client for this backend (path-style access on emulators); do not close it. */
  S3Client s3Client();

  /** Shared Step Functions client for this backend; do not close it. */
  SfnClient sfnClient();

  /**
   * Points a client builder at this backend: endpoint override, region, credentials, and path-style
   * access for S3 builders when there is an endpoint override.
   *
   * @param builder any AWS SDK v2 client builder
   * @param <B> the builder type
   * @return {@code builder}, for chaining
   */
  <B extends AwsClientBuilder<B, ?>> B configure(B builder);

  /**
   * Creates a uniquely named table with the py2sfn state-data schema (HASH {@code partition_key} S,
   * RANGE {@code sort_key} N, on-demand billing, TTL on {@code expires_at}) and waits until it is
   * active.
   *
   * @return the table name
   */
  String createStateDataTable();

  /**
   * Creates a uniquely named S3 bucket.
   *
   * @return the bucket name
   */
  String createBucket();

  /** Creates a fresh state-data table and bucket. */
  default StateDataResources createStateDataResources() {
    return new StateDataResources(createStateDataTable(), createBucket());
  }

  /**
   * Reads one raw item of a state-data table, with a consistent read: what a library stored, as
   * DynamoDB holds it.
   *
   * @param tableName the table
   * @param partitionKey the item's {@code partition_key}
   * @param index the item's {@code sort_key}
   * @return the item's attributes, empty when there is no such item
   */
  default Map<String, AttributeValue> storedItem(String tableName, String partitionKey, int index) {
    return dynamoDbClient()
        .getItem(
            request ->
                request
                    .tableName(tableName)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "partition_key", AttributeValue.fromS(partitionKey),
                            "sort_key", AttributeValue.fromN(Integer.toString(index)))))
        .item();
  }

  /**
   * Reads every raw item of a partition key of a state-data table, in index order, with consistent
   * reads.
   *
   * @param tableName the table
   * @param partitionKey the items' {@code partition_key}
   * @return the items' attributes
   */
  default List<Map<String, AttributeValue>> storedItems(String tableName, String partitionKey) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDbClient()
        .queryPaginator(
            request ->
                request
                    .tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("partition_key = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey))))
        .items()
        .forEach(items::add);
    return items;
  }

  /**
   * Environment variables that make a Python boto3 process use this backend: {@code
   * AWS_ENDPOINT_URL}, {@code DYNAMODB_ENDPOINT_URL}, {@code S3_ENDPOINT_URL} (absent for real
   * AWS), {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} ({@code AWS_SESSION_TOKEN} for
   * session credentials), {@code AWS_DEFAULT_REGION}.
   */
  Map<String, String> pythonEnvironment();

  /**
   * Makes started executions actually run their state machine. moto only records executions as
   * RUNNING unless told otherwise; this switches its whole (JVM-shared) server, and moto keeps
   * executing state machines in a separate store, so state machines created before the switch are
   * no longer visible: call this before creating them. LocalStack and AWS execute natively (no-op).
   * For the {@code endpoint} backend this enables execution when the endpoint is a moto server;
   * otherwise the calling test is aborted (reported as skipped).
   */
  void enableStateMachineExecution();
}
