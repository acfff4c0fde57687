package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.StateDataException;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one task per index with at most {@code maxConcurrency} running at once. The calling thread
 * works too, so a single task never changes threads and a saturated executor still makes progress.
 */
final class BoundedParallel {

  private final Executor executor;
  private final int maxConcurrency;

  BoundedParallel(Executor executor, int maxConcurrency) {
    this.executor = executor;
    this.maxConcurrency = maxConcurrency;
  }

  /**
   * Runs {@code task} for every index in {@code [0, count)} and waits for all of them.
   *
   * @param stopOnFailure whether to start no new index once one has failed
   * @return the failures by index, empty when all succeeded
   */
  SortedMap<Integer, Throwable> forEach(int count, IntConsumer task, boolean stopOnFailure) {
    SortedMap<Integer, Throwable> failures = new ConcurrentSkipListMap<>();
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          int index;
          while (!(stopOnFailure && !failures.isEmpty())
              && (index = next.getAndIncrement()) < count) {
            try {
              task.accept(index);
            } catch (Throwable failure) {
              failures.put(index, failure);
            }
          }
        };
    int helpers = Math.min(maxConcurrency, count) - 1;
    CountDownLatch helpersDone = new CountDownLatch(Math.max(helpers, 0));
    for (int i = 0; i < helpers; i++) {
      try {
        executor.execute(
            () -> {
              try {
                worker.run();
              } finally {
                helpersDone.countDown();
              }
            });
      } catch (RejectedExecutionException rejected) {
        helpersDone.countDown();
      }
    }
    worker.run();
    try {
      helpersDone.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StateDataException("Interrupted while waiting for parallel state data calls");
    }
    return failures;
  }
}
