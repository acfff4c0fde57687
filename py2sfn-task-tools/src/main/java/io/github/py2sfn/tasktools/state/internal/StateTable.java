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
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every DynamoDB call. Reads are consistent. Failures of single calls become {@link
 * StateDataAccessException}s naming the item; batch writes retry their {@code UnprocessedItems}
 * with exponential backoff and full jitter and leave the failure of a whole call to the caller,
 * which knows which indexes it carried.
 */
final class StateTable {

  static final int MAX_BATCH_SIZE = 25;

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
   * What a batch write knows at its end.
   *
   * @param pending the requests not known to be written: left unprocessed by the last call, or sent
   *     by the call that failed
   * @param failure why the last call failed, {@code null} when it answered; a {@link
   *     SdkServiceException} means DynamoDB refused it, and an {@link
   *     InvocationDeadlineExceededException} that it was never sent (the Lambda invocation's time
   *     ran out), so the pending requests were not written either; any other failure (a reset
   *     connection, a lost response) leaves their outcome unknown
   */
  record BatchResult(List<WriteRequest> pending, @Nullable SdkException failure) {}

  /**
   * Writes at most {@value #MAX_BATCH_SIZE} requests, retrying what DynamoDB leaves unprocessed.
   * Failed calls are not retried here: the SDK's retry strategy has already retried them.
   */
  BatchResult batchWrite(String tableName, List<WriteRequest> requests) {
    List<WriteRequest> pending = requests;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        long backoff =
            ThreadLocalRandom.current().nextLong(retry.ceiling(attempt - 1).toMillis() + 1);
        Optional<InvocationDeadline> deadline = InvocationDeadline.current();
        if (deadline.isPresent() && deadline.get().remaining().toMillis() <= backoff) {
          return new BatchResult(
              pending,
              new InvocationDeadlineExceededException(
                  "the retry of DynamoDB BatchWriteItem's unprocessed items",
                  deadline.get().margin(),
                  null));
        }
        observer.batchRetried(tableName, attempt - 1, pending.size());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return new BatchResult(pending, null);
        }
      }
      Map<String, List<WriteRequest>> requestItems = Map.of(tableName, pending);
      try {
        BatchWriteItemResponse response =
            dynamoDb.batchWriteItem(request -> request.requestItems(requestItems));
        pending = response.unprocessedItems().getOrDefault(tableName, List.of());
      } catch (SdkException failure) {
        return new BatchResult(pending, failure);
      }
      if (attempt == retry.maxAttempts()) {
        break;
      }
    }
    return new BatchResult(pending, null);
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
