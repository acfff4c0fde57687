package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.StateMachineRunnerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The task tokens of one execution's callback tasks ({@code .waitForTaskToken}) that wait for
 * SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat. Every token is also in a JVM-wide index,
 * so that {@link TaskCallbackInterceptor} can complete it from an AWS SDK call made on any thread.
 */
public final class TaskTokens {

  private static final String PREFIX = "py2sfn-local-task-token-";
  private static final Map<String, Waiter> ISSUED = new ConcurrentHashMap<>();

  // Insertion order, so that pendingTaskTokens() lists the oldest wait first.
  private final Map<String, Waiter> pending = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Starts with no tokens. */
  public TaskTokens() {}

  /**
   * The tokens whose tasks are waiting now, oldest first.
   *
   * @return a snapshot
   */
  public List<String> pending() {
    synchronized (pending) {
      return List.copyOf(new ArrayList<>(pending.keySet()));
    }
  }

  /**
   * Waits until a task waits for a token.
   *
   * @param timeout how long to wait at most
   * @return the oldest pending token, or null when none came in time
   * @throws InterruptedException when interrupted while waiting
   */
  public @Nullable String awaitPending(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pending) {
      while (pending.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        TimeUnit.NANOSECONDS.timedWait(pending, left);
      }
      return pending.keySet().iterator().next();
    }
  }

  /**
   * Completes one of this execution's waiting tasks as SendTaskSuccess would.
   *
   * @param token the task token
   * @param output the task's result
   * @return false when no task of this execution waits for the token
   */
  public boolean succeed(String token, JsonNode output) {
    return pending.containsKey(token) && completeSuccess(token, output);
  }

  /**
   * Fails one of this execution's waiting tasks as SendTaskFailure would.
   *
   * @param token the task token
   * @param error the error, for Retry and Catch
   * @param cause the cause
   * @return false when no task of this execution waits for the token
   */
  public boolean fail(String token, @Nullable String error, @Nullable String cause) {
    return pending.containsKey(token) && completeFailure(token, error, cause);
  }

  /**
   * Restarts the HeartbeatSeconds of one of this execution's waiting tasks, as SendTaskHeartbeat
   * would.
   *
   * @param token the task token
   * @return false when no task of this execution waits for the token
   */
  public boolean heartbeat(String token) {
    return pending.containsKey(token) && completeHeartbeat(token);
  }

  /**
   * Completes a waiting task with SendTaskSuccess's output.
   *
   * @return false when no task waits for the token
   */
  static boolean completeSuccess(String token, JsonNode output) {
    Waiter waiter = ISSUED.get(token);
    return waiter != null && waiter.complete(output, null, null);
  }

  /**
   * Fails a waiting task with SendTaskFailure's error and cause.
   *
   * @return false when no task waits for the token
   */
  static boolean completeFailure(String token, @Nullable String error, @Nullable String cause) {
    Waiter waiter = ISSUED.get(token);
    return waiter != null && waiter.complete(null, error, cause);
  }

  /**
   * Restarts a waiting task's HeartbeatSeconds, as SendTaskHeartbeat does.
   *
   * @return false when no task waits for the token
   */
  static boolean completeHeartbeat(String token) {
    Waiter waiter = ISSUED.get(token);
    return waiter != null && waiter.beat();
  }

  /** Issues a new opaque token, unique in the JVM, for one attempt of a callback task. */
  Waiter issue() {
    String token = PREFIX + UUID.randomUUID();
    Waiter waiter = new Waiter(token);
    ISSUED.put(token, waiter);
    return waiter;
  }

  /** One attempt's wait for its token. */
  final class Waiter {
    private final String token;
    private @Nullable JsonNode output;
    private boolean done;
    private @Nullable String error;
    private @Nullable String cause;
    // The task starts when its token is issued: TimeoutSeconds and the first HeartbeatSeconds
    // count from then.
    private final long issuedNanos = System.nanoTime();
    private long lastBeat = issuedNanos;

    private Waiter(String token) {
      this.token = token;
    }

    String token() {
      return token;
    }

    private synchronized boolean complete(
        @Nullable JsonNode output, @Nullable String error, @Nullable String cause) {
      if (done) {
        return false;
      }
      this.done = true;
      this.output = output;
      this.error = error;
      this.cause = cause;
      notifyAll();
      return true;
    }

    private synchronized boolean beat() {
      if (done) {
        return false;
      }
      lastBeat = System.nanoTime();
      return true;
    }

    /**
     * Waits for the token after the function returned.
     *
     * @param checks run about once a second while waiting, to end it when the run is stopped
     * @return the SendTaskSuccess output
     * @throws StateFailure with the SendTaskFailure error and cause, {@code States.Timeout} or
     *     {@code States.HeartbeatTimeout}
     */
    JsonNode await(
        @Nullable Double timeoutSeconds, @Nullable Double heartbeatSeconds, Runnable checks) {
      synchronized (pending) {
        pending.put(token, this);
        pending.notifyAll();
      }
      while (true) {
        synchronized (this) {
          if (done) {
            if (output == null) {
              throw new StateFailure(error, cause);
            }
            return output;
          }
          long now = System.nanoTime();
          long timeoutLeft = left(issuedNanos, timeoutSeconds, now);
          long heartbeatLeft = left(lastBeat, heartbeatSeconds, now);
          if (timeoutLeft <= 0) {
            throw new StateFailure("States.Timeout", null);
          }
          if (heartbeatLeft <= 0) {
            throw new StateFailure("States.HeartbeatTimeout", null);
          }
          long slice = Math.min(Math.min(timeoutLeft, heartbeatLeft), TimeUnit.SECONDS.toNanos(1));
          try {
            TimeUnit.NANOSECONDS.timedWait(this, slice);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateMachineRunnerException("Interrupted waiting for a task token", e);
          }
        }
        checks.run();
      }
    }

    /** Forgets the token however the attempt ended, so that later calls with it are not ours. */
    void forget() {
      pending.remove(token);
      ISSUED.remove(token);
    }

    private static long left(long fromNanos, @Nullable Double seconds, long now) {
      return seconds == null ? Long.MAX_VALUE : fromNanos + (long) (seconds * 1_000_000_000L) - now;
    }
  }
}
