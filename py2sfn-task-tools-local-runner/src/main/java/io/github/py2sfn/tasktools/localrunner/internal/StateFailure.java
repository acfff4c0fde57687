package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;

/**
 * An ASL error raised while a state runs: what {@code Retry} and {@code Catch} match on and what a
 * failed execution reports. The cause stays out of the exception message: it may hold state data.
 */
public final class StateFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The runtime error name AWS gives to failures no Retry or Catch may handle. */
  public static final String RUNTIME = "States.Runtime";

  private final @Nullable String error;
  private final transient @Nullable String failureCause;

  /**
   * Creates a failure.
   *
   * @param error the ASL error name, such as {@code States.TaskFailed} or a Java exception class
   *     name; null for a Fail state without one
   * @param cause the human-readable cause, or null
   */
  public StateFailure(@Nullable String error, @Nullable String cause) {
    super("State failed with error " + error, null, false, false);
    this.error = error;
    this.failureCause = cause;
  }

  /** The ASL error name, or null. */
  public @Nullable String error() {
    return error;
  }

  /** The cause text, or null. */
  public @Nullable String failureCause() {
    return failureCause;
  }

  static StateFailure runtime(String cause) {
    return new StateFailure(RUNTIME, cause);
  }
}
