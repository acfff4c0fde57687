package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.state.BatchRetry;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Every DynamoDB call. Reads are consistent. Failures of single calls become {@link
 * StateDataAccessException}s naming the item; transactional writes retry their writes cancelled by
 * throttling or conflicts with exponential backoff and full jitter and leave the failure of a whole
 * call to the caller, which knows which indexes it carried.
 */
final class StateTable {

  static final int MAX_BATCH_SIZE = 25;

  /**
   * The most bytes of items one TransactWriteItems call carries: DynamoDB's limit is 4 MB, and the
   * estimate of {@link ItemFormat#size} leaves room for the request's own overhead.
   */
  static final long MAX_TRANSACTION_BYTES = 4_000_000;

  /** Cancellation reasons that a later attempt may not meet: the transaction is retried. */
  private static final java.util.Set<String> RETRYABLE_CANCELLATIONS =
      java.util.Set.of(
          "TransactionConflict",
          "ThrottlingError",
          "ProvisionedThroughputExceeded",
          "RequestLimitExceeded");

  private final DynamoDbClient dynamoDb;
  private final BatchRetry retry;
  private final StateDataObserver observer;

  StateTable(DynamoDbClient dynamoDb, BatchRetry retry, StateDataObserver observer) {
    this.dynamoDb = dynamoDb;
    this.retry = retry;
    this.observer = observer;
  }

  void putItem(ItemRef.Global location, Map<String, AttributeValue> item) {
    try {
      dynamoDb.putItem(request -> request.tableName(location.tableName()).item(item));
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB PutItem failed for the state data item at " + location, failure);
    }
  }

  /** The item, {@code null} when there is none. */
  @Nullable Map<String, AttributeValue> getItem(ItemRef.Global location) {
    Map<String, AttributeValue> item;
    try {
      item =
          dynamoDb
              .getItem(
                  request ->
                      request
                          .tableName(location.tableName())
                          .key(ItemFormat.key(location.partitionKey(), location.index()))
                          .consistentRead(true))
              .item();
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB GetItem failed for the state data item at " + location, failure);
    }
    return item == null || item.isEmpty() ? null : item;
  }

  /**
   * Claims a list for a {@code putAll}: writes the list's generation item with this call's
   * generation, unless it holds a newer one. A retry of this very write passes (same generation).
   *
   * @return {@code false} if a newer {@code putAll} holds the list
   * @throws StateDataAccessException if the write failed
   */
  boolean claimGeneration(
      String tableName, String partitionKey, String generation, long expiresAt) {
    try {
      dynamoDb.putItem(
          request ->
              request
                  .tableName(tableName)
                  .item(ItemFormat.generationItem(partitionKey, generation, expiresAt))
                  .conditionExpression("attribute_not_exists(#gen) OR #gen <= :gen")
                  .expressionAttributeNames(Map.of("#gen", ItemFormat.GENERATION))
                  .expressionAttributeValues(Map.of(":gen", AttributeValue.fromS(generation))));
      return true;
    } catch (ConditionalCheckFailedException newer) {
      return false;
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB PutItem of the generation item failed for the list at table '"
              + tableName
              + "', partition key '"
              + partitionKey
              + "'",
          failure);
    }
  }

  /**
   * What a transactional write knows at its end.
   *
   * @param pending the writes not known to be written: sent by the call that failed, or, when
   *     {@code failure} is {@code null}, left after all retries
   * @param unsent the writes certainly not written, apart from {@code pending}: held back while the
   *     others of their call were retried
   * @param failure why the last call failed, {@code null} when it answered; a {@link
   *     SdkServiceException} means DynamoDB refused it (a {@link TransactionCanceledException}: it
   *     wrote nothing of it), and an {@link InvocationDeadlineExceededException} that it was never
   *     sent (the Lambda invocation's time ran out), so the pending writes were not written either;
   *     any other failure (a reset connection, a lost response) leaves their outcome unknown
   * @param superseded whether a write's condition failed (a newer {@code putAll} wrote or deleted
   *     the item): then nothing of the last call was written, and the writer must stop
   */
  record TransactResult(
      List<TransactWriteItem> pending,
      List<TransactWriteItem> unsent,
      @Nullable SdkException failure,
      boolean superseded) {

    List<TransactWriteItem> all() {
      List<TransactWriteItem> all = new ArrayList<>(pending);
      all.addAll(unsent);
      return all;
    }
  }

  /**
   * Writes at most {@value #MAX_BATCH_SIZE} puts or deletes, each with its own condition, in
   * TransactWriteItems calls. Writes cancelled by throttling or a conflicting transaction are
   * retried with the backoff of unprocessed items; the other writes of their call are sent again at
   * once, so that only the throttled ones wait, as with BatchWriteItem's {@code UnprocessedItems}.
   * A write whose condition fails ends the call, with nothing of that call written.
   */
  TransactResult transactWrite(String tableName, List<TransactWriteItem> writes) {
    List<TransactWriteItem> pending = writes;
    List<TransactWriteItem> deferred = new ArrayList<>();
    boolean backOff = false;
    for (int attempt = 1; ; ) {
      if (pending.isEmpty()) {
        if (deferred.isEmpty()) {
          return new TransactResult(List.of(), List.of(), null, false);
        }
        pending = deferred;
        deferred = new ArrayList<>();
        backOff = true;
      }
      if (backOff) {
        if (attempt == retry.maxAttempts()) {
          return new TransactResult(pending, deferred, null, false);
        }
        attempt++;
        long backoff =
            ThreadLocalRandom.current().nextLong(retry.ceiling(attempt - 1).toMillis() + 1);
        Optional<InvocationDeadline> deadline = InvocationDeadline.current();
        if (deadline.isPresent() && deadline.get().remaining().toMillis() <= backoff) {
          return new TransactResult(
              List.of(),
              concat(pending, deferred),
              new InvocationDeadlineExceededException(
                  "the retry of DynamoDB TransactWriteItems' cancelled writes",
                  deadline.get().margin(),
                  null),
              false);
        }
        observer.batchRetried(tableName, attempt - 1, pending.size() + deferred.size());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return new TransactResult(pending, deferred, null, false);
        }
      }
      List<TransactWriteItem> actions = pending;
      try {
        dynamoDb.transactWriteItems(request -> request.transactItems(actions));
        pending = List.of();
        backOff = false;
      } catch (TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons.size() != actions.size()) {
          return new TransactResult(List.of(), concat(pending, deferred), cancelled, false);
        }
        List<TransactWriteItem> ready = new ArrayList<>();
        List<TransactWriteItem> blocked = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
          String code = reasons.get(i).code();
          if (code == null || "None".equals(code)) {
            ready.add(actions.get(i));
          } else if ("ConditionalCheckFailed".equals(code)) {
            return new TransactResult(List.of(), concat(pending, deferred), null, true);
          } else if (RETRYABLE_CANCELLATIONS.contains(code)) {
            blocked.add(actions.get(i));
          } else {
            return new TransactResult(List.of(), concat(pending, deferred), cancelled, false);
          }
        }
        if (ready.isEmpty() || blocked.isEmpty()) {
          pending = concat(pending, deferred);
          deferred = new ArrayList<>();
          backOff = true;
        } else {
          deferred.addAll(blocked);
          pending = ready;
          backOff = false;
        }
      } catch (SdkException failure) {
        return new TransactResult(pending, deferred, failure, false);
      }
    }
  }

  /**
   * The generation recorded in a list's generation item, {@code null} when there is none.
   *
   * @throws StateDataAccessException if the read failed
   */
  @Nullable String storedGeneration(String tableName, String partitionKey) {
    Map<String, AttributeValue> item;
    try {
      item =
          dynamoDb
              .getItem(
                  request ->
                      request
                          .tableName(tableName)
                          .key(ItemFormat.generationKey(partitionKey))
                          .consistentRead(true))
              .item();
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB GetItem of the generation item failed for the list at table '"
              + tableName
              + "', partition key '"
              + partitionKey
              + "'",
          failure);
    }
    AttributeValue generation = item == null ? null : item.get(ItemFormat.GENERATION);
    return generation == null ? null : generation.s();
  }

  /**
   * Deletes an element if a given generation wrote it.
   *
   * @throws SdkException if the delete failed other than by its condition
   */
  void deleteIfGeneration(String tableName, String partitionKey, int index, String generation) {
    try {
      dynamoDb.deleteItem(
          request ->
              request
                  .tableName(tableName)
                  .key(ItemFormat.key(partitionKey, index))
                  .conditionExpression("#gen = :gen")
                  .expressionAttributeNames(Map.of("#gen", ItemFormat.GENERATION))
                  .expressionAttributeValues(Map.of(":gen", AttributeValue.fromS(generation))));
    } catch (ConditionalCheckFailedException notOurs) {
      // A newer call wrote it, or deleted it: it is the newer call's.
    }
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * Reads, page after page, the items of a partition key whose index lies in {@code [from, to]}
   * (either bound may be open), in index order.
   *
   * @param keysOnly whether to read only the key attributes
   */
  List<Map<String, AttributeValue>> query(
      String tableName,
      String partitionKey,
      @Nullable Integer from,
      @Nullable Integer to,
      boolean keysOnly) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", ItemFormat.PARTITION_KEY));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":pk", AttributeValue.fromS(partitionKey)));
    String condition = "#pk = :pk";
    if (from != null || to != null) {
      names.put("#sk", ItemFormat.SORT_KEY);
      if (from != null) {
        values.put(":from", AttributeValue.fromN(Integer.toString(from)));
      }
      if (to != null) {
        values.put(":to", AttributeValue.fromN(Integer.toString(to)));
      }
      condition +=
          from == null
              ? " AND #sk <= :to"
              : to == null ? " AND #sk >= :from" : " AND #sk BETWEEN :from AND :to";
    }
    if (keysOnly) {
      names.put("#sk", ItemFormat.SORT_KEY);
    }
    QueryRequest request =
        QueryRequest.builder()
            .tableName(tableName)
            .consistentRead(true)
            .keyConditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .projectionExpression(keysOnly ? "#pk, #sk" : null)
            .build();
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    try {
      dynamoDb.queryPaginator(request).items().forEach(rows::add);
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "DynamoDB Query failed for table '"
              + tableName
              + "', partition key '"
              + partitionKey
              + "'"
              + (from == null && to == null ? "" : " (indexes " + from + " to " + to + ")"),
          failure);
    }
    return rows;
  }
}
