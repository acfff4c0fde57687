package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.state.internal.GuardedObserver;
import java.util.List;

/**
 * Hears what a {@link StateDataClient} does, for metrics and tracing. Set one with {@link
 * StateDataClient.Builder#observer(StateDataObserver)}; the Spring Boot auto-configuration sets the
 * Micrometer one when Micrometer is present, plus every {@code StateDataObserver} bean.
 *
 * <p>Callbacks run on the thread that did the work (for batch retries, a thread of the client's
 * executor), so they must be quick and thread-safe. An exception thrown by an observer is logged
 * and otherwise ignored: it never fails the operation. Observers receive no data and no partition
 * keys, only table names, counts, sizes and durations.
 */
public interface StateDataObserver {

  /** The observer that does nothing: the default. */
  StateDataObserver NONE = new StateDataObserver() {};

  /**
   * Called once an operation has ended, successfully or not. Requests rejected before any AWS call
   * (invalid arguments, tables outside the allow-list) are not reported: their table name may come
   * from an event.
   *
   * @param operation what the operation did
   */
  default void operationCompleted(CompletedOperation operation) {}

  /**
   * Called before a TransactWriteItems call of {@code putAll} is repeated, after a backoff, for the
   * writes DynamoDB cancelled for throttling or a conflicting transaction. Errors of whole calls
   * are retried by the AWS SDK instead.
   *
   * @param tableName the table written to
   * @param retry the retry number, from 1
   * @param unprocessedCount how many items are sent again
   */
  default void batchRetried(String tableName, int retry, int unprocessedCount) {}

  /**
   * Returns an observer that notifies each of the given ones in order.
   *
   * @param observers the observers
   * @return one observer for all of them ({@link #NONE} when there are none)
   */
  static StateDataObserver composite(List<? extends StateDataObserver> observers) {
    // Guarded one by one, so that a failing observer does not silence the others.
    List<StateDataObserver> all = observers.stream().map(GuardedObserver::of).toList();
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new StateDataObserver() {
      @Override
      public void operationCompleted(CompletedOperation operation) {
        all.forEach(observer -> observer.operationCompleted(operation));
      }

      @Override
      public void batchRetried(String tableName, int retry, int unprocessedCount) {
        all.forEach(observer -> observer.batchRetried(tableName, retry, unprocessedCount));
      }
    };
  }
}
