package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.state.internal.DefaultStateDataClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores task data in a DynamoDB table (items whose JSON exceeds the offload threshold go to S3)
 * and loads it back, in the format of the Python library py2sfn-task-tools.
 *
 * <p>Every operation takes an address: an {@link ItemRef} for one item, a {@link ListRef} for a
 * list stored one element per item. <b>Local</b> references take a short key and work in the
 * default table under the partition key {@code <namespace>:<key>}, where the namespace is the
 * execution name. <b>Global</b> references take a table name and a full partition key, so they
 * reach items of other executions and projects. {@code put} and {@code putAll} return pointers to
 * return from a task; a later task hands a pointer straight back ({@link ItemRef#of(ItemPointer)},
 * {@link ListRef#of(ItemsPointer)}, {@link ItemRef#of(MapIterationEvent)}).
 *
 * <pre>{@code
 * StateDataClient stateData = StateDataClient.builder()
 *     .dynamoDbClient(dynamoDb).s3Client(s3)
 *     .tableName("my-project-state").bucket("my-project-state-data")
 *     .namespace(executionName)
 *     .build();
 * ItemsPointer characters = stateData.putAll(ListRef.local("characters"), List.of(jerry, elaine));
 * // ... in a Map iteration task:
 * Character character = stateData.get(ItemRef.of(event), Character.class);
 * // ... after the Map state:
 * List<Character> all = stateData.getAll(ListRef.of(characters), Character.class);
 * }</pre>
 *
 * <p>The Python original's functions are here too, under their Java names ({@code putItem}, {@code
 * getGlobalItems}, {@code getItemForMapIteration}, ...), each a shorthand for one of the operations
 * above; like the original, their reads return {@code null} for an item holding JSON {@code null}.
 *
 * <p>Data is any value the JSON mapper can write and read: records, POJOs, maps, lists, scalars and
 * JSON trees ({@code get(ref, JsonNode.class)} gives the raw tree). Implementations are
 * thread-safe.
 */
public interface StateDataClient {

  /**
   * Starts building a client.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new DefaultStateDataClientBuilder();
  }

  /**
   * Returns a client that shares this one's clients and settings but scopes local keys to another
   * namespace (typically the name of another execution).
   *
   * @param namespace the namespace, usually the execution name
   * @return a client for that namespace
   */
  StateDataClient withNamespace(String namespace);

  /**
   * Returns where a reference points: the table, full partition key and index the operations use.
   * Checks the reference exactly as they do, without any AWS call.
   *
   * @param ref the reference
   * @return the table, partition key and index
   * @throws InvalidStateDataRequestException if the reference is invalid
   * @throws StateDataConfigurationException if a local reference meets a client without a default
   *     table or namespace
   */
  ItemRef.Global resolve(ItemRef ref);

  /**
   * Stores data at an item, replacing any item there.
   *
   * @param ref where to store it
   * @param data the data, or {@code null} to store JSON {@code null}
   * @return the pointer to the item ({@code key} set for a local reference only)
   */
  ItemPointer put(ItemRef ref, @Nullable Object data);

  /**
   * Stores each element of a list as its own item, at its list index, and removes elements left
   * from an earlier, longer list at the same place. Calls for the same list at once (a Step
   * Functions retry while the first attempt still runs) never mix their lists: the one started last
   * wins, and the others stop and throw {@link ConcurrentListWriteException}.
   *
   * @param ref where to store the list
   * @param elements the elements
   * @return the pointer to the list, whose {@code items} a Map state can fan out over
   * @throws ItemsNotWrittenException if some elements could not be written, naming them
   * @throws ConcurrentListWriteException if a call for the same list started later took it over
   */
  ItemsPointer putAll(ListRef ref, List<?> elements);

  /**
   * Stores a list for a Distributed Map: each element as {@link #putAll putAll} stores it (Python's
   * {@code get_item_for_map_iteration} reads it), plus one JSON Lines object in the bucket with one
   * line per element, that element's {@link MapIterationEvent}. The pointer names that object for
   * the Map state's {@code ItemReader} (see {@link DistributedMapPointer}), so it stays small at
   * any size, and each child execution reads its element with {@code get(ItemRef.of(event), ...)}.
   *
   * <p>The elements are pulled from the iterator as they are written, two batches of 25 per
   * parallel call at a time, so a list of any length is written in bounded memory. An element whose
   * offloaded S3 key would be too long fails the call before the writes of the elements pulled with
   * it, not before every write as with {@code putAll}. The JSON Lines object is uploaded once every
   * element is written, to a key of this call's generation: a later call for the same list never
   * replaces the object an earlier pointer names.
   *
   * <pre>{@code
   * DistributedMapPointer lines = stateData.putAllForDistributedMap(
   *     ListRef.local("lines"), catalog.stream().map(Line::of).iterator());
   * }</pre>
   *
   * @param ref where to store the list
   * @param elements the elements, pulled once each
   * @return the pointer, with the element count and the JSON Lines object
   * @throws ItemsNotWrittenException if some elements could not be written, naming them
   * @throws ConcurrentListWriteException if a call for the same list started later took it over
   * @throws StateDataConfigurationException if no bucket or S3 client is configured
   * @throws StateDataAccessException if the upload of the JSON Lines object failed
   */
  DistributedMapPointer putAllForDistributedMap(ListRef ref, Iterator<?> elements);

  /**
   * Reads what a Distributed Map's {@code ResultWriter} exported to S3: the manifest the Map state
   * returned as {@code ResultWriterDetails}, then the {@code SUCCEEDED}, {@code FAILED} and {@code
   * PENDING} files it lists, shaped as {@code writerConfig} says (<a
   * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
   * (Map)</a>).
   *
   * <pre>{@code
   * record MapOutput(@JsonProperty("ResultWriterDetails") S3ObjectLocation resultWriterDetails) {}
   * MapRunResults<PricedLine> results = stateData.getMapRunResults(
   *     mapOutput.resultWriterDetails(), ResultWriterConfig.DEFAULT, PricedLine.class);
   * }</pre>
   *
   * @param manifest the {@code manifest.json} object
   * @param writerConfig the {@code WriterConfig} of the state's {@code ResultWriter}
   * @param outputType the type to convert each succeeded execution's output to
   * @param <T> the output type
   * @return the outputs, and the failed and pending executions
   * @throws MapRunResultsException if a file is not shaped as documented, or an output does not
   *     convert to the type
   * @throws StateDataAccessException if S3 fails a read (a missing object too)
   * @throws StateDataConfigurationException if no S3 client is configured
   */
  <T> MapRunResults<T> getMapRunResults(
      S3ObjectLocation manifest, ResultWriterConfig writerConfig, Class<T> outputType);

  /**
   * Loads an item.
   *
   * @param ref the item
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data
   * @throws ItemNotFoundException if there is no such item
   * @throws NullItemException if the item holds JSON {@code null} (use {@link #getOrNull})
   */
  <T> T get(ItemRef ref, Class<T> type);

  /**
   * Loads an item as a generic type, such as {@code new TypeReference<List<Line>>() {}}.
   *
   * @param ref the item
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data
   * @throws ItemNotFoundException if there is no such item
   * @throws NullItemException if the item holds JSON {@code null} (use {@link #getOrNull})
   */
  <T> T get(ItemRef ref, TypeReference<T> type);

  /**
   * Loads an item that may hold JSON {@code null}.
   *
   * @param ref the item
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} when the item holds JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  <T> @Nullable T getOrNull(ItemRef ref, Class<T> type);

  /**
   * Loads an item that may hold JSON {@code null}, as a generic type.
   *
   * @param ref the item
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} when the item holds JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  <T> @Nullable T getOrNull(ItemRef ref, TypeReference<T> type);

  /**
   * Loads every element of a list, in index order. Through a pointer ({@link ListRef#of}) it reads
   * the pointer's indexes with parallel range queries; otherwise it pages through all items of the
   * partition key.
   *
   * @param ref the list
   * @param elementType the type to convert each element to
   * @param <T> the element type
   * @return the elements (an element holding JSON {@code null} is {@code null}); empty when nothing
   *     is stored
   */
  <T> List<@Nullable T> getAll(ListRef ref, Class<T> elementType);

  /**
   * Loads every element of a list, in index order, as a generic type.
   *
   * @param ref the list
   * @param elementType the type to convert each element to
   * @param <T> the element type
   * @return the elements (an element holding JSON {@code null} is {@code null}); empty when nothing
   *     is stored
   */
  <T> List<@Nullable T> getAll(ListRef ref, TypeReference<T> elementType);

  // ------------------------------------------------ the Python original's vocabulary

  /**
   * {@code put_item(key, data)}: stores data at index 0 of a local key.
   *
   * @param key the local key
   * @param data the data, or {@code null} to store JSON {@code null}
   * @return the pointer to the item
   */
  default ItemPointer putItem(String key, @Nullable Object data) {
    return put(ItemRef.local(key), data);
  }

  /**
   * {@code put_item(key, data, index)}: stores data at an index of a local key.
   *
   * @param key the local key
   * @param data the data, or {@code null} to store JSON {@code null}
   * @param index the index, {@code >= 0}
   * @return the pointer to the item
   */
  default ItemPointer putItem(String key, @Nullable Object data, int index) {
    return put(ItemRef.local(key, index), data);
  }

  /**
   * {@code put_items(key, list)}: stores a list under a local key.
   *
   * @param key the local key
   * @param items the elements
   * @return the pointer to the list
   * @throws ItemsNotWrittenException if some elements could not be written, naming them
   */
  default ItemsPointer putItems(String key, List<?> items) {
    return putAll(ListRef.local(key), items);
  }

  /**
   * {@code put_global_item(table_name, partition_key, data)}: stores data at index 0 of a partition
   * key in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param data the data, or {@code null} to store JSON {@code null}
   * @return the pointer to the item (without {@code key})
   */
  default ItemPointer putGlobalItem(String tableName, String partitionKey, @Nullable Object data) {
    return put(ItemRef.global(tableName, partitionKey), data);
  }

  /**
   * {@code put_global_item(table_name, partition_key, data, index)}: stores data at an index of a
   * partition key in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param data the data, or {@code null} to store JSON {@code null}
   * @param index the index, {@code >= 0}
   * @return the pointer to the item (without {@code key})
   */
  default ItemPointer putGlobalItem(
      String tableName, String partitionKey, @Nullable Object data, int index) {
    return put(ItemRef.global(tableName, partitionKey, index), data);
  }

  /**
   * {@code put_global_items(table_name, partition_key, list)}: stores a list under a partition key
   * in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param items the elements
   * @return the pointer to the list (without {@code key})
   * @throws ItemsNotWrittenException if some elements could not be written, naming them
   */
  default ItemsPointer putGlobalItems(String tableName, String partitionKey, List<?> items) {
    return putAll(ListRef.global(tableName, partitionKey), items);
  }

  /**
   * {@code put_item_for_map_iteration(event, data)}: stores this Map iteration's result at its
   * index, under the event's local key.
   *
   * @param event the iteration's event
   * @param data the data
   * @return the pointer to the item
   */
  default ItemPointer putItemForMapIteration(MapIterationEvent event, @Nullable Object data) {
    return put(ItemRef.local(event.requireKey(), event.contextIndex()), data);
  }

  /**
   * {@code put_global_item_for_map_iteration(event, data)}: stores this Map iteration's result at
   * its index, under the event's table and partition key.
   *
   * @param event the iteration's event
   * @param data the data
   * @return the pointer to the item (without {@code key})
   */
  default ItemPointer putGlobalItemForMapIteration(MapIterationEvent event, @Nullable Object data) {
    return put(
        ItemRef.global(event.requireTableName(), event.requirePartitionKey(), event.contextIndex()),
        data);
  }

  /**
   * {@code get_item(key)}: loads index 0 of a local key.
   *
   * @param key the local key
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} for JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  default <T> @Nullable T getItem(String key, Class<T> type) {
    return getOrNull(ItemRef.local(key), type);
  }

  /**
   * {@code get_item(key, index)}: loads an index of a local key.
   *
   * @param key the local key
   * @param index the index
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} for JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  default <T> @Nullable T getItem(String key, int index, Class<T> type) {
    return getOrNull(ItemRef.local(key, index), type);
  }

  /**
   * {@code get_global_item(table_name, partition_key)}: loads index 0 of a partition key in any
   * table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} for JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  default <T> @Nullable T getGlobalItem(String tableName, String partitionKey, Class<T> type) {
    return getOrNull(ItemRef.global(tableName, partitionKey), type);
  }

  /**
   * {@code get_global_item(table_name, partition_key, index)}: loads an index of a partition key in
   * any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param index the index
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the data, {@code null} for JSON {@code null}
   * @throws ItemNotFoundException if there is no such item
   */
  default <T> @Nullable T getGlobalItem(
      String tableName, String partitionKey, int index, Class<T> type) {
    return getOrNull(ItemRef.global(tableName, partitionKey, index), type);
  }

  /**
   * {@code get_item_for_map_iteration(event)}: loads this Map iteration's element from the event's
   * local key.
   *
   * @param event the iteration's event
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the element, {@code null} for JSON {@code null}
   */
  default <T> @Nullable T getItemForMapIteration(MapIterationEvent event, Class<T> type) {
    return getOrNull(ItemRef.local(event.requireKey(), event.contextIndex()), type);
  }

  /**
   * {@code get_global_item_for_map_iteration(event)}: loads this Map iteration's element from the
   * event's table and partition key.
   *
   * @param event the iteration's event
   * @param type the type to convert the data to
   * @param <T> the data type
   * @return the element, {@code null} for JSON {@code null}
   */
  default <T> @Nullable T getGlobalItemForMapIteration(MapIterationEvent event, Class<T> type) {
    return getOrNull(
        ItemRef.global(event.requireTableName(), event.requirePartitionKey(), event.contextIndex()),
        type);
  }

  /**
   * {@code get_items(key)}: loads every element stored under a local key, in index order.
   *
   * @param key the local key
   * @param elementType the type to convert each element to
   * @param <T> the element type
   * @return the elements; empty when nothing is stored
   */
  default <T> List<@Nullable T> getItems(String key, Class<T> elementType) {
    return getAll(ListRef.local(key), elementType);
  }

  /**
   * {@code get_global_items(table_name, partition_key)}: loads every element stored under a
   * partition key in any table, in index order.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param elementType the type to convert each element to
   * @param <T> the element type
   * @return the elements; empty when nothing is stored
   */
  default <T> List<@Nullable T> getGlobalItems(
      String tableName, String partitionKey, Class<T> elementType) {
    return getAll(ListRef.global(tableName, partitionKey), elementType);
  }

  /** Builds a {@link StateDataClient}. Only the DynamoDB client is required. */
  interface Builder {

    /**
     * Sets the DynamoDB client (required).
     *
     * @param dynamoDbClient the client
     * @return this builder
     */
    Builder dynamoDbClient(DynamoDbClient dynamoDbClient);

    /**
     * Sets the S3 client, needed to write and read offloaded items.
     *
     * @param s3Client the client
     * @return this builder
     */
    Builder s3Client(@Nullable S3Client s3Client);

    /**
     * Sets where to get the S3 client when the first item needs it, so that a task that never
     * offloads never builds one (which shortens cold starts). The supplier should return a shared
     * client.
     *
     * @param s3Client supplies the client, or {@code null} when there is none
     * @return this builder
     */
    Builder s3Client(Supplier<? extends @Nullable S3Client> s3Client);

    /**
     * Sets the default table of local operations.
     *
     * @param tableName the table name
     * @return this builder
     */
    Builder tableName(@Nullable String tableName);

    /**
     * Sets the bucket that takes items over the offload threshold.
     *
     * @param bucket the bucket name
     * @return this builder
     */
    Builder bucket(@Nullable String bucket);

    /**
     * Sets the namespace of local keys: the execution name.
     *
     * @param namespace the namespace
     * @return this builder
     */
    Builder namespace(@Nullable String namespace);

    /**
     * Sets the JSON mapper that converts data; reading Python's {@code NaN} and {@code Infinity} is
     * enabled on top of it. Defaults to a plain {@link JsonMapper}.
     *
     * @param jsonMapper the mapper
     * @return this builder
     */
    Builder jsonMapper(JsonMapper jsonMapper);

    /**
     * Sets how long items live before the table's TTL removes them (default 7 days).
     *
     * @param ttl the time to live, at least one second
     * @return this builder
     */
    Builder ttl(Duration ttl);

    /**
     * Sets the size of UTF-8 JSON above which data goes to S3 (default and maximum 390,000 bytes,
     * which leaves room for the other attributes within DynamoDB's 400 KB item limit).
     *
     * @param bytes the threshold in bytes
     * @return this builder
     */
    Builder offloadThreshold(long bytes);

    /**
     * Sets how many AWS calls one {@code putItems} or {@code getItems} runs at once (default 16).
     *
     * @param maxConcurrency the limit, at least 1
     * @return this builder
     */
    Builder maxConcurrency(int maxConcurrency);

    /**
     * Sets the executor that runs parallel AWS calls. Defaults to a shared pool of daemon threads
     * that are released when idle. Either way each call runs with the {@link
     * io.github.py2sfn.tasktools.InvocationDeadline} of the task that made it.
     *
     * @param executor the executor
     * @return this builder
     */
    Builder executor(Executor executor);

    /**
     * Restricts the tables that global operations may touch. Empty (the default) allows any table.
     * The default table is always allowed.
     *
     * @param tableNames the allowed tables
     * @return this builder
     */
    Builder allowedGlobalTables(Collection<String> tableNames);

    /**
     * Sets the server-side encryption of offloaded objects (default {@code AES256}, S3-managed
     * keys).
     *
     * @param serverSideEncryption the encryption
     * @return this builder
     */
    Builder serverSideEncryption(ServerSideEncryption serverSideEncryption);

    /**
     * Sets the KMS key of offloaded objects; implies {@code aws:kms} encryption.
     *
     * @param kmsKeyId the key id or ARN
     * @return this builder
     */
    Builder kmsKeyId(@Nullable String kmsKeyId);

    /**
     * Sets the account expected to own the bucket, sent on every S3 call.
     *
     * @param accountId the account id
     * @return this builder
     */
    Builder expectedBucketOwner(@Nullable String accountId);

    /**
     * Sets how the writes of {@code putAll} that DynamoDB cancels for throttling or a conflicting
     * transaction (TransactWriteItems cancellation reasons) are retried (default: 10 attempts,
     * exponential backoff with full jitter from 50 ms up to 5 s).
     *
     * @param retry the retry settings
     * @return this builder
     */
    Builder unprocessedItemsRetry(BatchRetry retry);

    /**
     * Sets the clock that computes {@code expires_at} (for tests).
     *
     * @param clock the clock
     * @return this builder
     */
    Builder clock(Clock clock);

    /**
     * Sets the observer told about each operation and batch retry, for metrics (default: {@link
     * StateDataObserver#NONE}). Combine several with {@link StateDataObserver#composite}.
     *
     * @param observer the observer
     * @return this builder
     */
    Builder observer(StateDataObserver observer);

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if the DynamoDB client is missing or a setting is invalid
     */
    StateDataClient build();
  }
}
