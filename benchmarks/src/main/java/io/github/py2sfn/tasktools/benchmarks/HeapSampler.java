package io.github.py2sfn.tasktools.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The side of a capped-heap {@link ChildJvm} that measures: the peak heap used, sampled every 2 ms
 * on a daemon thread (and whenever the workload calls {@link #sample()}), and the failure text it
 * reports when the workload does not complete.
 */
final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread = new Thread(this::sampleUntilInterrupted);

  private HeapSampler() {}

  /** Starts sampling. */
  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.thread.setDaemon(true);
    sampler.thread.start();
    return sampler;
  }

  /** Takes one sample now, for example at the point the workload holds the most. */
  void sample() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** The largest heap use seen, in bytes. */
  long peakHeapUsed() {
    return peak.get();
  }

  /** The heap's cap, in bytes. */
  long maxHeap() {
    return memory.getHeapMemoryUsage().getMax();
  }

  /**
   * What a workload that failed reports: an OutOfMemoryError, even one wrapped by the code it ran
   * through, is named as such.
   */
  static String failureText(Throwable failure) {
    if (failure instanceof OutOfMemoryError oom) {
      return "OutOfMemoryError: " + oom.getMessage();
    }
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof OutOfMemoryError)) {
      cause = cause.getCause();
    }
    return (cause instanceof OutOfMemoryError ? "OutOfMemoryError (wrapped): " : "") + cause;
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  private void sampleUntilInterrupted() {
    while (!Thread.currentThread().isInterrupted()) {
      sample();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
