package io.github.py2sfn.tasktools.state;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** The {@link StateDataClient} on DynamoDB and S3. Built by {@link StateDataClient#builder()}. */
final class DefaultStateDataClient implements StateDataClient {

  static final long MAX_OFFLOAD_THRESHOLD = 390_000;
  private static final int MAX_PARTITION_KEY_BYTES = 2048;
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final Settings settings;
  private final @Nullable String namespace;

  private DefaultStateDataClient(Settings settings, @Nullable String namespace) {
    this.settings = settings;
    this.namespace = namespace;
  }

  /** What clients of every namespace share. */
  private record Settings(
      DynamoDbClient dynamoDb,
      @Nullable String tableName,
      Set<String> allowedGlobalTables,
      JsonCodec codec,
      ItemStorage storage,
      BatchWriter batchWriter,
      Executor executor,
      BoundedParallel parallel,
      Duration ttl,
      Clock clock,
      StateDataObserver observer) {}

  @Override
  public StateDataClient withNamespace(String namespace) {
    return new DefaultStateDataClient(settings, requireText(namespace, "namespace"));
  }

  @Override
  public @Nullable String tableName() {
    return settings.tableName();
  }

  @Override
  public @Nullable String namespace() {
    return namespace;
  }

  @Override
  public String partitionKey(String key) {
    requireText(key, "key");
    if (namespace == null) {
      throw new StateDataConfigurationException(
          "Local key '"
              + key
              + "' needs a namespace (the execution name), but this StateDataClient has none:"
              + " use TaskContext.stateData() or StateDataClient.withNamespace(...)");
    }
    return checkPartitionKey(namespace + ":" + key);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public ItemPointer putItem(String key, @Nullable Object data, int index) {
    ItemLocation location = new ItemLocation(defaultTable(), partitionKey(key), checkIndex(index));
    observeWrite(
        StateDataOperation.PUT_ITEM, location.tableName(), tally -> write(location, data, tally));
    return new ItemPointer(location.tableName(), location.partitionKey(), key);
  }

  @Override
  public ItemPointer putGlobalItem(
      String tableName, String partitionKey, @Nullable Object data, int index) {
    ItemLocation location =
        new ItemLocation(
            checkGlobalTable(tableName), checkPartitionKey(partitionKey), checkIndex(index));
    observeWrite(
        StateDataOperation.PUT_ITEM, location.tableName(), tally -> write(location, data, tally));
    return new ItemPointer(location.tableName(), location.partitionKey(), null);
  }

  @Override
  public ItemsPointer putItems(String key, List<?> items) {
    String tableName = defaultTable();
    String partitionKey = partitionKey(key);
    Objects.requireNonNull(items, "items");
    observeWrite(
        StateDataOperation.PUT_ITEMS,
        tableName,
        tally -> writeAll(tableName, partitionKey, items, tally));
    return ItemsPointer.of(tableName, partitionKey, key, items.size());
  }

  @Override
  public ItemsPointer putGlobalItems(String tableName, String partitionKey, List<?> items) {
    String table = checkGlobalTable(tableName);
    String checkedPartitionKey = checkPartitionKey(partitionKey);
    Objects.requireNonNull(items, "items");
    observeWrite(
        StateDataOperation.PUT_ITEMS,
        table,
        tally -> writeAll(table, checkedPartitionKey, items, tally));
    return ItemsPointer.of(table, checkedPartitionKey, null, items.size());
  }

  /**
   * Runs an operation whose arguments are valid and reports it to the observer, failed or not.
   * Validation stays outside so that table names an event made up never reach the observer.
   */
  private <R> R observe(
      StateDataOperation operation, String tableName, Function<OperationTally, R> body) {
    OperationTally tally = new OperationTally();
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      return body.apply(tally);
    } catch (RuntimeException | Error thrown) {
      failure = thrown;
      throw thrown;
    } finally {
      settings
          .observer()
          .operationCompleted(
              new CompletedOperation(
                  operation,
                  tableName,
                  tally.items(),
                  tally.bytes(),
                  tally.offloads(),
                  Duration.ofNanos(System.nanoTime() - start),
                  failure));
    }
  }

  private void observeWrite(
      StateDataOperation operation, String tableName, Consumer<OperationTally> body) {
    observe(
        operation,
        tableName,
        tally -> {
          body.accept(tally);
          return null;
        });
  }

  private void write(ItemLocation location, @Nullable Object data, OperationTally tally) {
    Map<String, AttributeValue> item =
        settings.storage().toItem(location, data, expiresAt(), tally);
    try {
      settings.dynamoDb().putItem(request -> request.tableName(location.tableName()).item(item));
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB PutItem failed for the state data item at " + location, failure);
    }
    tally.items(1);
  }

  /**
   * Writes the list as a pipeline: each element is converted (and offloaded) in parallel, and the
   * thread that completes a batch of 25 sends it, so memory holds only the batches in flight.
   * Elements left from an earlier, longer list are looked up meanwhile (they lie beyond this list's
   * indexes, so the writes never touch them) and deleted once all elements are written.
   */
  private void writeAll(
      String tableName, String partitionKey, List<?> items, OperationTally tally) {
    Object[] elements = items.toArray();
    int count = elements.length;
    long expiresAt = expiresAt();
    int batches = (count + BatchWriter.MAX_BATCH_SIZE - 1) / BatchWriter.MAX_BATCH_SIZE;
    AtomicReferenceArray<Map<String, AttributeValue>> prepared = new AtomicReferenceArray<>(count);
    AtomicIntegerArray unprepared = new AtomicIntegerArray(batches);
    for (int batch = 0; batch < batches; batch++) {
      unprepared.set(batch, batchEnd(batch, count) - batch * BatchWriter.MAX_BATCH_SIZE);
    }
    SortedMap<Integer, Throwable> notWritten = new ConcurrentSkipListMap<>();
    CompletableFuture<List<Map<String, AttributeValue>>> staleKeys =
        lookUpAsync(() -> staleKeys(tableName, partitionKey, count));
    settings
        .parallel()
        .forEach(
            count,
            index -> {
              try {
                prepared.set(
                    index,
                    settings
                        .storage()
                        .toItem(
                            new ItemLocation(tableName, partitionKey, index),
                            elements[index],
                            expiresAt,
                            tally));
              } catch (RuntimeException failure) {
                notWritten.put(index, failure);
              } finally {
                int batch = index / BatchWriter.MAX_BATCH_SIZE;
                if (unprepared.decrementAndGet(batch) == 0) {
                  writeBatch(tableName, batch, count, prepared, notWritten, tally);
                }
              }
            },
            false)
        .forEach(notWritten::putIfAbsent);
    if (!notWritten.isEmpty()) {
      throw new ItemsNotWrittenException(
          tableName,
          partitionKey,
          new ArrayList<>(notWritten.keySet()),
          notWritten.get(notWritten.firstKey()));
    }
    deleteStale(tableName, partitionKey, count, staleKeys);
  }

  /** Runs a look-up on the executor, or on this thread when the executor refuses it. */
  private <T> CompletableFuture<T> lookUpAsync(Supplier<T> lookUp) {
    try {
      return CompletableFuture.supplyAsync(lookUp, settings.executor());
    } catch (RejectedExecutionException rejected) {
      return CompletableFuture.completedFuture(lookUp.get());
    }
  }

  private void writeBatch(
      String tableName,
      int batch,
      int count,
      AtomicReferenceArray<Map<String, AttributeValue>> prepared,
      SortedMap<Integer, Throwable> notWritten,
      OperationTally tally) {
    List<WriteRequest> requests = new ArrayList<>(BatchWriter.MAX_BATCH_SIZE);
    for (int index = batch * BatchWriter.MAX_BATCH_SIZE; index < batchEnd(batch, count); index++) {
      Map<String, AttributeValue> item = prepared.getAndSet(index, null);
      if (item != null) {
        requests.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
    }
    try {
      List<WriteRequest> unprocessedRequests = settings.batchWriter().write(tableName, requests);
      tally.items(requests.size() - unprocessedRequests.size());
      for (WriteRequest unprocessed : unprocessedRequests) {
        notWritten.put(
            ItemStorage.index(unprocessed.putRequest().item()),
            new StateDataException(
                "DynamoDB left the item unprocessed after "
                    + "all BatchWriteItem retries (throttled)"));
      }
    } catch (SdkException | InterruptedException failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      for (WriteRequest request : requests) {
        notWritten.put(ItemStorage.index(request.putRequest().item()), failure);
      }
    }
  }

  private static int batchEnd(int batch, int count) {
    return Math.min(count, (batch + 1) * BatchWriter.MAX_BATCH_SIZE);
  }

  /** The keys of the partition key's items whose index is {@code fromIndex} or more. */
  private List<Map<String, AttributeValue>> staleKeys(
      String tableName, String partitionKey, int fromIndex) {
    QueryRequest stale =
        QueryRequest.builder()
            .tableName(tableName)
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND #sk >= :from")
            .expressionAttributeNames(
                Map.of("#pk", ItemStorage.PARTITION_KEY, "#sk", ItemStorage.SORT_KEY))
            .expressionAttributeValues(
                Map.of(
                    ":pk", AttributeValue.fromS(partitionKey),
                    ":from", AttributeValue.fromN(Integer.toString(fromIndex))))
            .projectionExpression("#pk, #sk")
            .build();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    settings.dynamoDb().queryPaginator(stale).items().forEach(keys::add);
    return keys;
  }

  /** Deletes the stale items found by {@link #staleKeys}. */
  private void deleteStale(
      String tableName,
      String partitionKey,
      int fromIndex,
      CompletableFuture<List<Map<String, AttributeValue>>> staleKeys) {
    String stale =
        "stale items of table '"
            + tableName
            + "', partition key '"
            + partitionKey
            + "' (index "
            + fromIndex
            + " and above)";
    try {
      List<WriteRequest> deletes = new ArrayList<>();
      for (Map<String, AttributeValue> key : staleKeys.join()) {
        deletes.add(
            WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
      }
      for (int start = 0; start < deletes.size(); start += BatchWriter.MAX_BATCH_SIZE) {
        List<WriteRequest> batch =
            deletes.subList(start, Math.min(deletes.size(), start + BatchWriter.MAX_BATCH_SIZE));
        if (!settings.batchWriter().write(tableName, batch).isEmpty()) {
          throw new StateDataException(
              "DynamoDB left " + stale + " undeleted after all BatchWriteItem retries (throttled)");
        }
      }
    } catch (CompletionException | SdkException failure) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      throw new StateDataAccessException(
          "Deleting " + stale + " failed; the new list was fully written", cause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StateDataException("Interrupted while deleting " + stale);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public <T> @Nullable T getItem(String key, int index, Type type) {
    ItemLocation location = new ItemLocation(defaultTable(), partitionKey(key), checkIndex(index));
    return observe(
        StateDataOperation.GET_ITEM, location.tableName(), tally -> read(location, type, tally));
  }

  @Override
  public <T> @Nullable T getGlobalItem(
      String tableName, String partitionKey, int index, Type type) {
    ItemLocation location =
        new ItemLocation(
            checkGlobalTable(tableName), checkPartitionKey(partitionKey), checkIndex(index));
    return observe(
        StateDataOperation.GET_ITEM, location.tableName(), tally -> read(location, type, tally));
  }

  @Override
  public <T> List<@Nullable T> getItems(String key, Type elementType) {
    String tableName = defaultTable();
    String partitionKey = partitionKey(key);
    return observe(
        StateDataOperation.GET_ITEMS,
        tableName,
        tally -> readAll(tableName, partitionKey, elementType, tally));
  }

  @Override
  public <T> List<@Nullable T> getGlobalItems(
      String tableName, String partitionKey, Type elementType) {
    String table = checkGlobalTable(tableName);
    String checkedPartitionKey = checkPartitionKey(partitionKey);
    return observe(
        StateDataOperation.GET_ITEMS,
        table,
        tally -> readAll(table, checkedPartitionKey, elementType, tally));
  }

  private <T> @Nullable T read(ItemLocation location, Type type, OperationTally tally) {
    JavaType javaType = settings.codec().type(type);
    Map<String, AttributeValue> item;
    try {
      item =
          settings
              .dynamoDb()
              .getItem(
                  request ->
                      request
                          .tableName(location.tableName())
                          .key(ItemStorage.key(location.partitionKey(), location.index()))
                          .consistentRead(true))
              .item();
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB GetItem failed for the state data item at " + location, failure);
    }
    if (item == null || item.isEmpty()) {
      throw new ItemNotFoundException(location);
    }
    T data = settings.storage().readData(location, item, javaType, tally);
    tally.items(1);
    return data;
  }

  /** Reads all pages, converts inline items at once and loads offloaded ones in parallel. */
  @SuppressWarnings("unchecked")
  private <T> List<@Nullable T> readAll(
      String tableName, String partitionKey, Type elementType, OperationTally tally) {
    JavaType javaType = settings.codec().type(elementType);
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    try {
      settings
          .dynamoDb()
          .queryPaginator(
              request ->
                  request
                      .tableName(tableName)
                      .consistentRead(true)
                      .keyConditionExpression("#pk = :pk")
                      .expressionAttributeNames(Map.of("#pk", ItemStorage.PARTITION_KEY))
                      .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey))))
          .items()
          .forEach(rows::add);
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB Query failed for table '"
              + tableName
              + "', partition key '"
              + partitionKey
              + "'",
          failure);
    }
    Object[] values = new Object[rows.size()];
    List<Integer> offloaded = new ArrayList<>();
    for (int row = 0; row < rows.size(); row++) {
      if (ItemStorage.isOffloaded(rows.get(row))) {
        offloaded.add(row);
      } else {
        values[row] = readRow(tableName, partitionKey, rows.get(row), javaType, tally);
      }
    }
    SortedMap<Integer, Throwable> failures =
        settings
            .parallel()
            .forEach(
                offloaded.size(),
                i -> {
                  int row = offloaded.get(i);
                  values[row] = readRow(tableName, partitionKey, rows.get(row), javaType, tally);
                },
                true);
    if (!failures.isEmpty()) {
      Throwable first = failures.get(failures.firstKey());
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StateDataException("Loading offloaded state data items failed", first);
    }
    tally.items(values.length);
    return (List<@Nullable T>) Arrays.asList(values);
  }

  private @Nullable Object readRow(
      String tableName,
      String partitionKey,
      Map<String, AttributeValue> row,
      JavaType type,
      OperationTally tally) {
    ItemLocation location = new ItemLocation(tableName, partitionKey, ItemStorage.index(row));
    return settings.storage().readData(location, row, type, tally);
  }

  // ---------------------------------------------------------------- validation

  private long expiresAt() {
    return settings.clock().instant().plus(settings.ttl()).getEpochSecond();
  }

  private String defaultTable() {
    String tableName = settings.tableName();
    if (tableName == null) {
      throw new StateDataConfigurationException(
          "Local state data operations need a default table, but none is configured:"
              + " set py2sfn.table-name (or StateDataClient.builder().tableName(...))");
    }
    return tableName;
  }

  private String checkGlobalTable(String tableName) {
    requireText(tableName, "table name");
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new InvalidStateDataRequestException(
          "Table name '"
              + tableName
              + "' is not a valid DynamoDB table name (3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.')");
    }
    Set<String> allowed = settings.allowedGlobalTables();
    if (!allowed.isEmpty()
        && !allowed.contains(tableName)
        && !tableName.equals(settings.tableName())) {
      throw new InvalidStateDataRequestException(
          "Table '"
              + tableName
              + "' is not in the tables global state data operations may use"
              + " (py2sfn.allowed-global-tables)");
    }
    return tableName;
  }

  private static String checkPartitionKey(String partitionKey) {
    requireText(partitionKey, "partition key");
    int bytes = partitionKey.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PARTITION_KEY_BYTES) {
      throw new InvalidStateDataRequestException(
          "Partition key is "
              + bytes
              + " bytes of UTF-8, over DynamoDB's "
              + MAX_PARTITION_KEY_BYTES
              + "-byte limit (it starts with '"
              + partitionKey.substring(0, 64)
              + "')");
    }
    return partitionKey;
  }

  private static int checkIndex(int index) {
    if (index < 0) {
      throw new InvalidStateDataRequestException("Item index must be 0 or more, was " + index);
    }
    return index;
  }

  private static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidStateDataRequestException(
          "State data " + what + " must not be " + (value == null ? "null" : "blank"));
    }
    return value;
  }

  // ---------------------------------------------------------------- builder

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

  static final class DefaultBuilder implements Builder {

    private @Nullable DynamoDbClient dynamoDbClient;
    private Supplier<@Nullable S3Client> s3Client = () -> null;
    private @Nullable String tableName;
    private @Nullable String bucket;
    private @Nullable String namespace;
    private @Nullable JsonMapper jsonMapper;
    private Duration ttl = Duration.ofDays(7);
    private long offloadThreshold = MAX_OFFLOAD_THRESHOLD;
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
    public Builder dynamoDbClient(DynamoDbClient dynamoDbClient) {
      this.dynamoDbClient = dynamoDbClient;
      return this;
    }

    @Override
    public Builder s3Client(@Nullable S3Client s3Client) {
      this.s3Client = () -> s3Client;
      return this;
    }

    @Override
    public Builder s3Client(Supplier<? extends @Nullable S3Client> s3Client) {
      Objects.requireNonNull(s3Client, "s3Client");
      this.s3Client = s3Client::get;
      return this;
    }

    @Override
    public Builder tableName(@Nullable String tableName) {
      this.tableName = tableName;
      return this;
    }

    @Override
    public Builder bucket(@Nullable String bucket) {
      this.bucket = bucket;
      return this;
    }

    @Override
    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    @Override
    public Builder jsonMapper(JsonMapper jsonMapper) {
      this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
      return this;
    }

    @Override
    public Builder ttl(Duration ttl) {
      this.ttl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    @Override
    public Builder offloadThreshold(long bytes) {
      this.offloadThreshold = bytes;
      return this;
    }

    @Override
    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    @Override
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    @Override
    public Builder allowedGlobalTables(Collection<String> tableNames) {
      this.allowedGlobalTables = Set.copyOf(tableNames);
      return this;
    }

    @Override
    public Builder serverSideEncryption(ServerSideEncryption serverSideEncryption) {
      this.serverSideEncryption =
          Objects.requireNonNull(serverSideEncryption, "serverSideEncryption");
      return this;
    }

    @Override
    public Builder kmsKeyId(@Nullable String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    @Override
    public Builder expectedBucketOwner(@Nullable String accountId) {
      this.expectedBucketOwner = accountId;
      return this;
    }

    @Override
    public Builder unprocessedItemsRetry(BatchRetry retry) {
      this.unprocessedItemsRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    @Override
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    @Override
    public Builder observer(StateDataObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    @Override
    public StateDataClient build() {
      if (dynamoDbClient == null) {
        throw new IllegalStateException(
            "StateDataClient needs a DynamoDbClient: call dynamoDbClient(...)");
      }
      if (offloadThreshold < 1 || offloadThreshold > MAX_OFFLOAD_THRESHOLD) {
        throw new IllegalStateException(
            "The offload threshold must be between 1 and "
                + MAX_OFFLOAD_THRESHOLD
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
      ItemStorage storage =
          new ItemStorage(
              codec,
              s3Client,
              blankToNull(bucket),
              offloadThreshold,
              serverSideEncryption,
              kmsKeyId,
              expectedBucketOwner);
      Executor sharedOrGiven = executor != null ? executor : SharedExecutor.INSTANCE;
      Settings settings =
          new Settings(
              dynamoDbClient,
              blankToNull(tableName),
              allowedGlobalTables,
              codec,
              storage,
              new BatchWriter(dynamoDbClient, unprocessedItemsRetry, guardedObserver),
              sharedOrGiven,
              new BoundedParallel(sharedOrGiven, maxConcurrency),
              ttl,
              clock,
              guardedObserver);
      return new DefaultStateDataClient(settings, namespace);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }
}
