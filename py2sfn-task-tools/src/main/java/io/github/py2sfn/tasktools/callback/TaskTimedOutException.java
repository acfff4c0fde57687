package io.github.py2sfn.tasktools.callback;

/**
 * Thrown when Step Functions answers {@code TaskTimedOut}: the task's {@code TimeoutSeconds} or
 * {@code HeartbeatSeconds} ran out, or it was already completed. Sending again fails the same way.
 */
public class TaskTimedOutException extends TaskCallbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the Step Functions operation
   * @param cause the SDK's TaskTimedOut exception
   */
  public TaskTimedOutException(String operation, Throwable cause) {
    super(
        "Step Functions refused "
            + operation
            + ": the task has timed out (its TimeoutSeconds or HeartbeatSeconds ran out) or was already completed (TaskTimedOut)",
        operation,
        cause);
  }
}
