package io.github.py2sfn.tasktools.execution;

import java.time.Duration;

/** Thrown when a stopped execution did not reach {@code ABORTED} within the configured timeout. */
public class ExecutionStopTimeoutException extends ExecutionException {

  private static final long serialVersionUID = 1L;

  private final String lastStatus;

  /**
   * Creates the exception.
   *
   * @param executionArn the execution
   * @param timeout how long it was waited for
   * @param lastStatus the last status seen
   */
  public ExecutionStopTimeoutException(String executionArn, Duration timeout, String lastStatus) {
    super(
        "Execution '"
            + executionArn
            + "' was asked to stop but is still "
            + lastStatus
            + " after "
            + timeout
            + " (py2sfn.stop.timeout)",
        executionArn,
        null);
    this.lastStatus = lastStatus;
  }

  /**
   * Returns the last status seen.
   *
   * @return the status, e.g. {@code RUNNING}
   */
  public String lastStatus() {
    return lastStatus;
  }
}
