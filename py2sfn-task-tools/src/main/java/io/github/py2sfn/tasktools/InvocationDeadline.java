package io.github.py2sfn.tasktools;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The time by which the current Lambda invocation's AWS calls must have ended: its remaining time
 * when it started, less a margin in which the task can still report a failure before Lambda ends
 * it. It belongs to the thread that runs the invocation: the task infrastructure starts it there
 * ({@code TaskHandler} beans get it from the starter), the {@link InvocationDeadlineInterceptor} of
 * a client cuts each call to it, and the execution stopper its wait. Calls that run on other
 * threads get it through an executor made by {@link #propagating(Executor)}.
 *
 * <pre>{@code
 * try (InvocationDeadline.Scope deadline = InvocationDeadline.start(lambdaContext, margin)) {
 *   ... // AWS calls of this invocation
 * }
 * }</pre>
 */
public final class InvocationDeadline {

  /** The margin the starter leaves by default ({@code py2sfn.aws.lambda-timeout-margin}). */
  public static final Duration DEFAULT_MARGIN = Duration.ofMillis(500);

  private static final ThreadLocal<InvocationDeadline> CURRENT = new ThreadLocal<>();

  /** On {@link System#nanoTime()}, which a change of the wall clock does not move. */
  private final long deadlineNanos;

  private final Duration margin;

  private InvocationDeadline(long deadlineNanos, Duration margin) {
    this.deadlineNanos = deadlineNanos;
    this.margin = margin;
  }

  /**
   * Starts the deadline of a Lambda invocation on this thread, until the scope is closed.
   *
   * @param lambdaContext the invocation's context, or {@code null} off Lambda, where there is no
   *     deadline
   * @param margin how long before the invocation's timeout the deadline is
   * @return the scope, which restores the thread's previous deadline when closed
   */
  public static Scope start(@Nullable Context lambdaContext, Duration margin) {
    if (lambdaContext == null) {
      return () -> {};
    }
    return start(Duration.ofMillis(lambdaContext.getRemainingTimeInMillis()), margin);
  }

  /**
   * Starts the deadline of an invocation whose remaining time is known, on this thread, until the
   * scope is closed.
   *
   * @param remainingTime how long the invocation may still run
   * @param margin how long before its end the deadline is
   * @return the scope, which restores the thread's previous deadline when closed
   */
  public static Scope start(Duration remainingTime, Duration margin) {
    Objects.requireNonNull(remainingTime, "remainingTime");
    Objects.requireNonNull(margin, "margin");
    if (margin.isNegative()) {
      throw new IllegalArgumentException("The margin must not be negative, was " + margin);
    }
    InvocationDeadline previous = CURRENT.get();
    CURRENT.set(
        new InvocationDeadline(System.nanoTime() + remainingTime.minus(margin).toNanos(), margin));
    return () -> restore(previous);
  }

  /**
   * Returns the deadline of the invocation this thread works for.
   *
   * @return the deadline, empty when none was started
   */
  public static Optional<InvocationDeadline> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Wraps an executor so that each task it runs has the deadline of the thread that submitted it.
   *
   * @param executor the executor that runs the tasks
   * @return the wrapping executor
   */
  public static Executor propagating(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> {
      InvocationDeadline submitters = CURRENT.get();
      executor.execute(
          () -> {
            InvocationDeadline workers = CURRENT.get();
            restore(submitters);
            try {
              task.run();
            } finally {
              restore(workers);
            }
          });
    };
  }

  private static void restore(@Nullable InvocationDeadline deadline) {
    if (deadline != null) {
      CURRENT.set(deadline);
    } else {
      // A warm Lambda container reuses the thread: leave nothing behind.
      CURRENT.remove();
    }
  }

  /**
   * Returns the time left until the deadline.
   *
   * @return the time left, zero or negative once it has passed
   */
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  /**
   * Returns whether the deadline has passed.
   *
   * @return whether no time is left
   */
  public boolean hasPassed() {
    return deadlineNanos - System.nanoTime() <= 0;
  }

  /**
   * Returns how long before the invocation's timeout the deadline is.
   *
   * @return the margin
   */
  public Duration margin() {
    return margin;
  }

  /** The deadline of an invocation on a thread, until it is closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {

    /** Restores the thread's previous deadline. */
    @Override
    void close();
  }
}
