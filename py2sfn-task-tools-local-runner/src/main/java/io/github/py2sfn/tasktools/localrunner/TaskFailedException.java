package io.github.py2sfn.tasktools.localrunner;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link TaskInvoker} to fail a Task with a given ASL error and cause, which {@code
 * Retry} and {@code Catch} then match. The cause is kept out of the message: it may hold data.
 */
public class TaskFailedException extends StateMachineRunnerException {

  private static final long serialVersionUID = 1L;

  private final String error;
  private final transient @Nullable String failureCause;

  /**
   * Creates an exception.
   *
   * @param error the error name, such as {@code java.lang.IllegalStateException}
   * @param cause the cause text, or null
   */
  public TaskFailedException(String error, @Nullable String cause) {
    super("Task failed with error " + error, null);
    this.error = error;
    this.failureCause = cause;
  }

  /** The error name. */
  public String error() {
    return error;
  }

  /** The cause text, or null. */
  public @Nullable String failureCause() {
    return failureCause;
  }
}
