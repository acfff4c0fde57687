package io.github.py2sfn.tasktools.execution;

import io.github.py2sfn.tasktools.TaskToolsException;
import org.jspecify.annotations.Nullable;

/** Root of the exceptions thrown when controlling an execution; names the execution ARN. */
public class ExecutionException extends TaskToolsException {

  private static final long serialVersionUID = 1L;

  private final String executionArn;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param executionArn the execution
   * @param cause the underlying failure
   */
  public ExecutionException(String message, String executionArn, @Nullable Throwable cause) {
    super(message, cause);
    this.executionArn = executionArn;
  }

  /**
   * Returns the execution.
   *
   * @return its ARN
   */
  public String executionArn() {
    return executionArn;
  }
}
