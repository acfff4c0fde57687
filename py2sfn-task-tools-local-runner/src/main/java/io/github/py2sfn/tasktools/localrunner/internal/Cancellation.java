package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;

/**
 * Tells the iterations of a Map state or the branches of a Parallel state that a sibling failed, so
 * that they start no further state, Task attempt or wait: "If any branch fails ... the entire
 * Parallel state is considered to have failed and all its branches are stopped" (state-parallel
 * .html, Error handling). One per fan-out; the fan-outs nested in its iterations or branches see it
 * through theirs, so a failure stops everything below the state that failed.
 */
final class Cancellation {

  /** Unwinds an iteration or branch that was stopped; the fan-out drops it for the failure. */
  static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("stopped: a sibling iteration or branch failed", null, false, false);
    }
  }

  private final @Nullable Cancellation parent;
  private volatile boolean cancelled;

  private Cancellation(@Nullable Cancellation parent) {
    this.parent = parent;
  }

  /** The cancellation of an execution's top-level states, which nothing cancels. */
  static Cancellation root() {
    return new Cancellation(null);
  }

  /** The cancellation of a fan-out running inside this scope. */
  Cancellation child() {
    return new Cancellation(this);
  }

  /** Stops the iterations or branches this cancellation belongs to, and those nested in them. */
  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    for (Cancellation scope = this; scope != null; scope = scope.parent) {
      if (scope.cancelled) {
        return true;
      }
    }
    return false;
  }

  /** Ends the iteration or branch when a sibling failed. */
  void throwIfCancelled() {
    if (isCancelled()) {
      throw new Cancelled();
    }
  }
}
