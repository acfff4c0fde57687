package io.github.py2sfn.tasktools.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ExecutionStopper#stop} waits for the execution to end. The defaults are the Python
 * original's: wait, polling every 2 seconds, for up to 120 seconds.
 *
 * @param waitForAborted whether to poll until the execution is {@code ABORTED}
 * @param pollInterval the time between two DescribeExecution calls
 * @param timeout how long to wait; the last poll is made when it runs out
 */
public record StopOptions(boolean waitForAborted, Duration pollInterval, Duration timeout) {

  /** The defaults: wait, poll every 2 s, for up to 120 s. */
  public static final StopOptions DEFAULT =
      new StopOptions(true, Duration.ofSeconds(2), Duration.ofSeconds(120));

  /** Validates the durations. */
  public StopOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (pollInterval.isNegative() || pollInterval.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "pollInterval must be positive and timeout not negative, were "
              + pollInterval
              + ", "
              + timeout);
    }
  }
}
