package io.github.py2sfn.tasktools.execution;

import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a stopped execution did not reach {@code ABORTED} within the configured timeout, or
 * before the Lambda invocation's remaining time ran out. The message states how long was waited,
 * the last status seen and which time ran out.
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
    this(
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
        waited,
        lastStatus,
        lastPollFailure);
  }

  private ExecutionStopTimeoutException(
      String message,
      String executionArn,
      Duration waited,
      String lastStatus,
      @Nullable Throwable cause) {
    super(message, executionArn, cause);
    this.waited = waited;
    this.lastStatus = lastStatus;
  }

  /**
   * Creates the exception for a wait that the Lambda invocation's deadline ended before the
   * timeout.
   *
   * @param executionArn the execution
   * @param waited how long was waited after the stop
   * @param lastStatus the last status seen
   * @param deadline what the deadline ended
   * @return the exception
   */
  public static ExecutionStopTimeoutException invocationTimeRanOut(
      String executionArn,
      Duration waited,
      String lastStatus,
      InvocationDeadlineExceededException deadline) {
    return new ExecutionStopTimeoutException(
        "Execution '"
            + executionArn
            + "' was asked to stop but was last seen "
            + lastStatus
            + " after "
            + waited
            + ", when the Lambda invocation's remaining time ran out"
            + " (py2sfn.aws.lambda-timeout-margin)",
        executionArn,
        waited,
        lastStatus,
        deadline);
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
