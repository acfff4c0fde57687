package io.github.py2sfn.tasktools.test.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@link AwsEmulator} over an endpoint (or none), owning its clients and the backend it was started
 * with.
 */
final class DefaultAwsEmulator implements AwsEmulator, AutoCloseable {

  // The SDK's table-exists waiter waits 20 s before its first poll; emulators create tables at
  // once.
  private static final WaiterOverrideConfiguration TABLE_WAIT =
      WaiterOverrideConfiguration.builder()
          .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(250)))
          .maxAttempts(Integer.MAX_VALUE)
          .waitTimeout(Duration.ofMinutes(2))
          .build();

  private final String backendName;
  private final @Nullable URI endpointOverride;
  private final Region region;
  private final AwsCredentialsProvider credentialsProvider;
  private @Nullable String accountId;
  private final Runnable stateMachineExecutionEnabler;
  private final Runnable backendStopper;
  private final DynamoDbClient dynamoDbClient;
  private final S3Client s3Client;
  private final SfnClient sfnClient;

  /**
   * @param accountId the backend's fixed account id, or null to ask STS on first use
   * @param stateMachineExecutionEnabler implements {@link #enableStateMachineExecution()} for this
   *     backend
   * @param backendStopper stops the emulator process or container, on {@link #close()}
   */
  DefaultAwsEmulator(
      String backendName,
      @Nullable URI endpointOverride,
      Region region,
      AwsCredentialsProvider credentialsProvider,
      @Nullable String accountId,
      Runnable stateMachineExecutionEnabler,
      Runnable backendStopper) {
    this.backendName = backendName;
    this.endpointOverride = endpointOverride;
    this.region = region;
    this.credentialsProvider = credentialsProvider;
    this.accountId = accountId;
    this.stateMachineExecutionEnabler = stateMachineExecutionEnabler;
    this.backendStopper = backendStopper;
    // An explicit HTTP client: consumers' classpaths may hold several, which the SDK refuses to
    // choose between.
    this.dynamoDbClient =
        configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.s3Client =
        configure(S3Client.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    this.sfnClient =
        configure(SfnClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  @Override
  public String backendName() {
    return backendName;
  }

  @Override
  public URI endpoint() {
    return endpointOverride()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The "
                        + backendName
                        + " backend has no single endpoint (the SDK uses regional AWS endpoints)"));
  }

  @Override
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpointOverride);
  }

  @Override
  public Region region() {
    return region;
  }

  @Override
  public AwsCredentialsProvider credentialsProvider() {
    return credentialsProvider;
  }

  @Override
  public synchronized String accountId() {
    if (accountId == null) {
      try (StsClient sts =
          configure(StsClient.builder())
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .build()) {
        accountId = sts.getCallerIdentity().account();
      }
    }
    return accountId;
  }

  @Override
  public DynamoDbClient dynamoDbClient() {
    return dynamoDbClient;
  }

  @Override
  public S3Client s3Client() {
    return s3Client;
  }

  @Override
  public SfnClient sfnClient() {
    return sfnClient;
  }

  @Override
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    builder.region(region).credentialsProvider(credentialsProvider);
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
      // Emulators serve buckets under the path, not as virtual-host subdomains of 127.0.0.1.
      if (builder instanceof S3BaseClientBuilder<?, ?> s3Builder) {
        s3Builder.forcePathStyle(true);
      }
    }
    return builder;
  }

  @Override
  public String createStateDataTable() {
    String tableName = uniqueName();
    dynamoDbClient.createTable(
        table ->
            table
                .tableName(tableName)
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName("partition_key")
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder()
                        .attributeName("sort_key")
                        .keyType(KeyType.RANGE)
                        .build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("partition_key")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("sort_key")
                        .attributeType(ScalarAttributeType.N)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder().client(dynamoDbClient).overrideConfiguration(TABLE_WAIT).build()) {
      waiter.waitUntilTableExists(table -> table.tableName(tableName));
    }
    // AWS accepts the TTL setting only once the table is active.
    dynamoDbClient.updateTimeToLive(
        ttl ->
            ttl.tableName(tableName)
                .timeToLiveSpecification(spec -> spec.attributeName("expires_at").enabled(true)));
    return tableName;
  }

  @Override
  public String createBucket() {
    String bucketName = uniqueName();
    s3Client.createBucket(
        bucket -> {
          bucket.bucket(bucketName);
          // us-east-1 rejects an explicit location constraint; every other region requires one.
          if (!Region.US_EAST_1.equals(region)) {
            bucket.createBucketConfiguration(
                configuration -> configuration.locationConstraint(region.id()));
          }
        });
    return bucketName;
  }

  @Override
  public Map<String, String> pythonEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    if (endpointOverride != null) {
      environment.put("AWS_ENDPOINT_URL", endpointOverride.toString());
      environment.put("DYNAMODB_ENDPOINT_URL", endpointOverride.toString());
      environment.put("S3_ENDPOINT_URL", endpointOverride.toString());
    }
    AwsCredentials credentials = credentialsProvider.resolveCredentials();
    environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    if (credentials instanceof AwsSessionCredentials sessionCredentials) {
      environment.put("AWS_SESSION_TOKEN", sessionCredentials.sessionToken());
    }
    environment.put("AWS_DEFAULT_REGION", region.id());
    return Collections.unmodifiableMap(environment);
  }

  @Override
  public void enableStateMachineExecution() {
    stateMachineExecutionEnabler.run();
  }

  /** Closes the clients and the credentials provider, and stops the backend. */
  @Override
  public void close() {
    dynamoDbClient.close();
    s3Client.close();
    sfnClient.close();
    if (credentialsProvider instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
    backendStopper.run();
  }

  @Override
  public String toString() {
    return backendName
        + endpointOverride().map(endpoint -> " at " + endpoint).orElse("")
        + " ("
        + region
        + ")";
  }

  // Valid both as a table name and as a bucket name (lowercase, digits, hyphens, at most 63
  // characters).
  private static String uniqueName() {
    return "py2sfn-test-" + UUID.randomUUID();
  }
}
