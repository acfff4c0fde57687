package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.CompletedOperation;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a failing {@link StateDataObserver} from failing the operation it observes. */
public final class GuardedObserver implements StateDataObserver {

  private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

  private final StateDataObserver delegate;

  private GuardedObserver(StateDataObserver delegate) {
    this.delegate = delegate;
  }

  /**
   * Guards an observer; {@link StateDataObserver#NONE} and guarded observers stay as they are.
   *
   * @param observer the observer
   * @return an observer whose exceptions are logged, not thrown
   */
  public static StateDataObserver of(StateDataObserver observer) {
    return observer == NONE || observer instanceof GuardedObserver
        ? observer
        : new GuardedObserver(observer);
  }

  @Override
  public void operationCompleted(CompletedOperation operation) {
    try {
      delegate.operationCompleted(operation);
    } catch (RuntimeException failure) {
      log.warn("StateDataObserver {} failed; the operation is unaffected", delegate, failure);
    }
  }

  @Override
  public void batchRetried(String tableName, int retry, int unprocessedCount) {
    try {
      delegate.batchRetried(tableName, retry, unprocessedCount);
    } catch (RuntimeException failure) {
      log.warn("StateDataObserver {} failed; the operation is unaffected", delegate, failure);
    }
  }
}
