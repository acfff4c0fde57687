package io.github.py2sfn.tasktools.callback;

import io.github.py2sfn.tasktools.TaskToolsException;
import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions thrown when completing a task by its token; names the Step Functions
 * operation, never the token, the output or the cause.
 */
public class TaskCallbackException extends TaskToolsException {

  private static final long serialVersionUID = 1L;

  private final String operation;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param operation the Step Functions operation, e.g. {@code SendTaskSuccess}
   * @param cause the underlying failure
   */
  public TaskCallbackException(String message, String operation, @Nullable Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /**
   * Returns the Step Functions operation that failed or was not sent.
   *
   * @return {@code SendTaskSuccess}, {@code SendTaskFailure} or {@code SendTaskHeartbeat}
   */
  public String operation() {
    return operation;
  }
}
