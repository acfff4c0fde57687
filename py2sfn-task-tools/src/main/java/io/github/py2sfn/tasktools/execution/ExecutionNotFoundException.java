package io.github.py2sfn.tasktools.execution;

/** Thrown when Step Functions knows no execution with the ARN to stop. */
public class ExecutionNotFoundException extends ExecutionException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param executionArn the unknown execution
   * @param cause the SDK's ExecutionDoesNotExist exception
   */
  public ExecutionNotFoundException(String executionArn, Throwable cause) {
    super("Step Functions has no execution '" + executionArn + "'", executionArn, cause);
  }
}
