package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.state.BatchRetry;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link DefaultStateDataClient} and the parts it shares across namespaces. Returned by
 * {@link StateDataClient#builder()}.
 */
public final class DefaultStateDataClientBuilder implements StateDataClient.Builder {

  /** Lazily created so that clients given an executor never start these threads. */
  private static final class SharedExecutor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final ExecutorService INSTANCE =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "py2sfn-state-data-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  private @Nullable DynamoDbClient dynamoDbClient;
  private Supplier<@Nullable S3Client> s3Client = () -> null;
  private @Nullable String tableName;
  private @Nullable String bucket;
  private @Nullable String namespace;
  private @Nullable JsonMapper jsonMapper;
  private Duration ttl = Duration.ofDays(7);
  private long offloadThreshold = ItemFormat.MAX_INLINE_BYTES;
  private int maxConcurrency = 16;
  private @Nullable Executor executor;
  private Set<String> allowedGlobalTables = Set.of();
  private ServerSideEncryption serverSideEncryption = ServerSideEncryption.AES256;
  private @Nullable String kmsKeyId;
  private @Nullable String expectedBucketOwner;
  private BatchRetry unprocessedItemsRetry = BatchRetry.DEFAULT;
  private Clock clock = Clock.systemUTC();
  private StateDataObserver observer = StateDataObserver.NONE;

  @Override
  public StateDataClient.Builder dynamoDbClient(DynamoDbClient dynamoDbClient) {
    this.dynamoDbClient = dynamoDbClient;
    return this;
  }

  @Override
  public StateDataClient.Builder s3Client(@Nullable S3Client s3Client) {
    this.s3Client = () -> s3Client;
    return this;
  }

  @Override
  public StateDataClient.Builder s3Client(Supplier<? extends @Nullable S3Client> s3Client) {
    Objects.requireNonNull(s3Client, "s3Client");
    this.s3Client = s3Client::get;
    return this;
  }

  @Override
  public StateDataClient.Builder tableName(@Nullable String tableName) {
    this.tableName = tableName;
    return this;
  }

  @Override
  public StateDataClient.Builder bucket(@Nullable String bucket) {
    this.bucket = bucket;
    return this;
  }

  @Override
  public StateDataClient.Builder namespace(@Nullable String namespace) {
    this.namespace = namespace;
    return this;
  }

  @Override
  public StateDataClient.Builder jsonMapper(JsonMapper jsonMapper) {
    this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
    return this;
  }

  @Override
  public StateDataClient.Builder ttl(Duration ttl) {
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  @Override
  public StateDataClient.Builder offloadThreshold(long bytes) {
    this.offloadThreshold = bytes;
    return this;
  }

  @Override
  public StateDataClient.Builder maxConcurrency(int maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
    return this;
  }

  @Override
  public StateDataClient.Builder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  @Override
  public StateDataClient.Builder allowedGlobalTables(Collection<String> tableNames) {
    this.allowedGlobalTables = Set.copyOf(tableNames);
    return this;
  }

  @Override
  public StateDataClient.Builder serverSideEncryption(ServerSideEncryption serverSideEncryption) {
    this.serverSideEncryption =
        Objects.requireNonNull(serverSideEncryption, "serverSideEncryption");
    return this;
  }

  @Override
  public StateDataClient.Builder kmsKeyId(@Nullable String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
    return this;
  }

  @Override
  public StateDataClient.Builder expectedBucketOwner(@Nullable String accountId) {
    this.expectedBucketOwner = accountId;
    return this;
  }

  @Override
  public StateDataClient.Builder unprocessedItemsRetry(BatchRetry retry) {
    this.unprocessedItemsRetry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  @Override
  public StateDataClient.Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public StateDataClient.Builder observer(StateDataObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    return this;
  }

  @Override
  public StateDataClient build() {
    if (dynamoDbClient == null) {
      throw new IllegalStateException(
          "StateDataClient needs a DynamoDbClient: call dynamoDbClient(...)");
    }
    if (offloadThreshold < 1 || offloadThreshold > ItemFormat.MAX_INLINE_BYTES) {
      throw new IllegalStateException(
          "The offload threshold must be between 1 and "
              + ItemFormat.MAX_INLINE_BYTES
              + " bytes (DynamoDB items are limited to 400 KB), was "
              + offloadThreshold);
    }
    if (maxConcurrency < 1) {
      throw new IllegalStateException("maxConcurrency must be at least 1, was " + maxConcurrency);
    }
    if (ttl.getSeconds() < 1) {
      throw new IllegalStateException("The TTL must be at least one second, was " + ttl);
    }
    if (namespace != null && namespace.isBlank()) {
      throw new IllegalStateException("The namespace must not be blank");
    }
    JsonCodec codec = new JsonCodec(jsonMapper != null ? jsonMapper : new JsonMapper());
    StateDataObserver guardedObserver = GuardedObserver.of(observer);
    // Each parallel call keeps the Lambda invocation's deadline of the task that made it.
    Executor sharedOrGiven =
        InvocationDeadline.propagating(executor != null ? executor : SharedExecutor.INSTANCE);
    BoundedParallel parallel = new BoundedParallel(sharedOrGiven, maxConcurrency);
    StateTable table = new StateTable(dynamoDbClient, unprocessedItemsRetry, guardedObserver);
    OffloadStore offloads =
        new OffloadStore(
            s3Client,
            blankToNull(bucket),
            codec,
            serverSideEncryption,
            kmsKeyId,
            expectedBucketOwner);
    ItemStore items = new ItemStore(table, offloads, codec, offloadThreshold, ttl, clock);
    ListWriter listWriter = new ListWriter(table, items, parallel, sharedOrGiven, maxConcurrency);
    DefaultStateDataClient.Parts parts =
        new DefaultStateDataClient.Parts(
            new RefResolver(blankToNull(tableName), allowedGlobalTables),
            codec,
            items,
            listWriter,
            new ListReader(table, items, parallel, maxConcurrency),
            new DistributedMapWriter(listWriter, offloads),
            new MapRunResultsReader(offloads, codec),
            guardedObserver);
    return new DefaultStateDataClient(parts, namespace);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
