package io.github.py2sfn.tasktools.callback;

/**
 * Thrown when Step Functions answers {@code InvalidToken}: the token is not one it issued (cut,
 * altered, or from another region or account). Sending again fails the same way.
 */
public class InvalidTaskTokenException extends TaskCallbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the Step Functions operation
   * @param cause the SDK's InvalidToken exception
   */
  public InvalidTaskTokenException(String operation, Throwable cause) {
    super(
        "Step Functions refused " + operation + ": the task token is not valid (InvalidToken)",
        operation,
        cause);
  }
}
