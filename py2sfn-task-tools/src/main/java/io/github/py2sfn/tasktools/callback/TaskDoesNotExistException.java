package io.github.py2sfn.tasktools.callback;

/**
 * Thrown when Step Functions answers {@code TaskDoesNotExist}: it knows no task for the token.
 * Sending again fails the same way.
 */
public class TaskDoesNotExistException extends TaskCallbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the Step Functions operation
   * @param cause the SDK's TaskDoesNotExist exception
   */
  public TaskDoesNotExistException(String operation, Throwable cause) {
    super(
        "Step Functions refused " + operation + ": it knows no such task (TaskDoesNotExist)",
        operation,
        cause);
  }
}
