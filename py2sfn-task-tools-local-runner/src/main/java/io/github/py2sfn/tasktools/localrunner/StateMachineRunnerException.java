package io.github.py2sfn.tasktools.localrunner;

/**
 * Root of the exceptions the local state-machine runner throws. A state machine that fails while
 * running is not an exception: it is an {@link ExecutionResult} with status {@link
 * ExecutionStatus#FAILED}.
 */
public class StateMachineRunnerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   * @param cause the underlying exception, or null
   */
  public StateMachineRunnerException(
      String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }
}
