package io.github.py2sfn.tasktools.execution;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a stopped execution did not reach {@code ABORTED} within the configured timeout. The
 * message states how long was waited and the last status seen.
 */
public class ExecutionStopTimeoutException extends ExecutionException {

  private static final long serialVersionUID = 1L;

  private final Duration waited;
  private final String lastStatus;

  /**
   * Creates the exception.
   *
   * @param executionArn the execution
   * @param waited how long was waited after the stop
   * @param lastStatus the last status seen
   * @param lastPollFailure why the last poll saw no status, or {@code null} when it saw {@code
   *     lastStatus}
   */
  public ExecutionStopTimeoutException(
      String executionArn,
      Duration waited,
      String lastStatus,
      @Nullable Throwable lastPollFailure) {
    super(
        "Execution '"
            + executionArn
            + "' was asked to stop but "
            + (lastPollFailure == null ? "is still " : "was last seen ")
            + lastStatus
            + " after "
            + waited
            + " (py2sfn.stop.timeout)"
            + (lastPollFailure == null ? "" : "; the last DescribeExecution failed"),
        executionArn,
        lastPollFailure);
    this.waited = waited;
    this.lastStatus = lastStatus;
  }

  /**
   * Returns how long was waited after the stop.
   *
   * @return the time waited, the timeout or a little more
   */
  public Duration waited() {
    return waited;
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
