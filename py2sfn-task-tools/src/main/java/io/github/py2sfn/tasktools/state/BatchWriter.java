package io.github.py2sfn.tasktools.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sends one BatchWriteItem call (at most 25 requests) and retries its {@code UnprocessedItems} with
 * exponential backoff and full jitter. Failures of the call itself are left to the SDK's retry
 * strategy and propagate.
 */
final class BatchWriter {

  static final int MAX_BATCH_SIZE = 25;

  private final DynamoDbClient dynamoDb;
  private final BatchRetry retry;
  private final StateDataObserver observer;

  BatchWriter(DynamoDbClient dynamoDb, BatchRetry retry, StateDataObserver observer) {
    this.dynamoDb = dynamoDb;
    this.retry = retry;
    this.observer = observer;
  }

  /**
   * Writes the requests.
   *
   * @return the requests still unprocessed after the last attempt, empty when all were written
   */
  List<WriteRequest> write(String tableName, List<WriteRequest> requests)
      throws InterruptedException {
    List<WriteRequest> pending = requests;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        observer.batchRetried(tableName, attempt - 1, pending.size());
        Thread.sleep(
            ThreadLocalRandom.current().nextLong(retry.ceiling(attempt - 1).toMillis() + 1));
      }
      Map<String, List<WriteRequest>> requestItems = Map.of(tableName, pending);
      BatchWriteItemResponse response =
          dynamoDb.batchWriteItem(request -> request.requestItems(requestItems));
      pending = response.unprocessedItems().getOrDefault(tableName, List.of());
      if (attempt == retry.maxAttempts()) {
        break;
      }
    }
    return pending;
  }
}
