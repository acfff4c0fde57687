package io.github.py2sfn.tasktools.execution;

import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The {@link ExecutionStopper} on the Step Functions API. While it waits for {@code ABORTED}, it
 * polls every {@link StopOptions#pollInterval()} and a last time when {@link StopOptions#timeout()}
 * runs out; a poll that Step Functions throttles or fails with a 5xx error, once the SDK's own
 * retries gave up, is made again at the next one. Within a Lambda invocation with an {@link
 * InvocationDeadline}, it waits no longer than the deadline.
 */
public final class SfnExecutionStopper implements ExecutionStopper {

  private static final Logger log = LoggerFactory.getLogger(SfnExecutionStopper.class);
  private static final Set<ExecutionStatus> TERMINAL =
      Set.of(
          ExecutionStatus.SUCCEEDED,
          ExecutionStatus.FAILED,
          ExecutionStatus.TIMED_OUT,
          ExecutionStatus.ABORTED);

  /** Sleeps between two polls; a seam so that tests wait on their own clock. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SfnClient sfn;
  private final StopOptions options;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Creates a stopper.
   *
   * @param sfn the Step Functions client
   * @param options how to wait for the stop
   */
  public SfnExecutionStopper(SfnClient sfn, StopOptions options) {
    this(sfn, options, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
  }

  SfnExecutionStopper(SfnClient sfn, StopOptions options, Clock clock, Sleeper sleeper) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public StopExecutionResult stop(
      String executionArn, @Nullable String error, @Nullable String cause) {
    ExecutionStatus status = describe(executionArn);
    if (TERMINAL.contains(status)) {
      log.info("Execution {} has already ended ({}): not stopping it", executionArn, status);
      return new StopExecutionResult(executionArn, status.toString(), error, cause, false);
    }
    log.info("Stopping execution {} (error: {})", executionArn, error);
    try {
      sfn.stopExecution(request -> request.executionArn(executionArn).error(error).cause(cause));
    } catch (ExecutionDoesNotExistException missing) {
      throw new ExecutionNotFoundException(executionArn, missing);
    } catch (SdkException failure) {
      throw new ExecutionException(
          "Step Functions StopExecution failed for '" + executionArn + "'", executionArn, failure);
    }
    if (options.waitForAborted()) {
      status = awaitAborted(executionArn, status);
    }
    return new StopExecutionResult(executionArn, status.toString(), error, cause, true);
  }

  /**
   * Polls until the execution has ended: ABORTED, or another end it reached meanwhile. The last
   * poll is made when the timeout runs out, so the whole timeout is waited.
   *
   * @param beforeStop the status seen before the stop, reported if no poll succeeds
   */
  private ExecutionStatus awaitAborted(String executionArn, ExecutionStatus beforeStop) {
    Instant start = clock.instant();
    Instant deadline = start.plus(options.timeout());
    ExecutionStatus lastSeen = beforeStop;
    while (true) {
      SdkServiceException refused = null;
      try {
        lastSeen = sfn.describeExecution(request -> request.executionArn(executionArn)).status();
      } catch (SdkServiceException failure) {
        if (!isTransient(failure)) {
          throw describeFailed(executionArn, failure);
        }
        // The stop was accepted: a refused poll says nothing about the execution, the next one
        // may see it ABORTED.
        log.warn(
            "DescribeExecution of execution {} failed while waiting for ABORTED (HTTP {}{}):"
                + " polling again",
            executionArn,
            failure.statusCode(),
            failure.isThrottlingException() ? ", throttled" : "");
        refused = failure;
      } catch (SdkException failure) {
        InvocationDeadlineExceededException deadlinePassed = deadlineIn(failure);
        if (deadlinePassed != null) {
          // The poll itself ran into the invocation's deadline: its time, not the stop's, ran out.
          throw ExecutionStopTimeoutException.invocationTimeRanOut(
              executionArn,
              Duration.between(start, clock.instant()).truncatedTo(ChronoUnit.MILLIS),
              lastSeen.toString(),
              deadlinePassed);
        }
        throw describeFailed(executionArn, failure);
      }
      if (refused == null && TERMINAL.contains(lastSeen)) {
        return lastSeen;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new ExecutionStopTimeoutException(
            executionArn,
            Duration.between(start, now).truncatedTo(ChronoUnit.MILLIS),
            lastSeen.toString(),
            refused);
      }
      Duration untilDeadline = Duration.between(now, deadline);
      Duration untilNextPoll =
          untilDeadline.compareTo(options.pollInterval()) < 0
              ? untilDeadline
              : options.pollInterval();
      Optional<InvocationDeadline> invocation = InvocationDeadline.current();
      if (invocation.isPresent() && invocation.get().remaining().compareTo(untilNextPoll) <= 0) {
        // No poll is possible before the invocation's deadline: wait until it, then report that
        // the invocation's time, not the stop timeout, ran out.
        Duration remaining = invocation.get().remaining();
        sleep(executionArn, remaining.isNegative() ? Duration.ZERO : remaining);
        throw ExecutionStopTimeoutException.invocationTimeRanOut(
            executionArn,
            Duration.between(start, clock.instant()).truncatedTo(ChronoUnit.MILLIS),
            lastSeen.toString(),
            new InvocationDeadlineExceededException(
                "waiting for execution '" + executionArn + "' to be ABORTED",
                invocation.get().margin(),
                refused));
      }
      sleep(executionArn, untilNextPoll);
    }
  }

  private static @Nullable InvocationDeadlineExceededException deadlineIn(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvocationDeadlineExceededException deadline) {
        return deadline;
      }
    }
    return null;
  }

  /** Throttling and server errors, which Step Functions may not repeat at the next poll. */
  private static boolean isTransient(SdkServiceException failure) {
    return failure.isThrottlingException() || failure.statusCode() >= 500;
  }

  private void sleep(String executionArn, Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ExecutionException(
          "Interrupted while waiting for execution '" + executionArn + "' to be ABORTED",
          executionArn,
          interrupted);
    }
  }

  private ExecutionStatus describe(String executionArn) {
    try {
      return sfn.describeExecution(request -> request.executionArn(executionArn)).status();
    } catch (SdkException failure) {
      throw describeFailed(executionArn, failure);
    }
  }

  private static ExecutionException describeFailed(String executionArn, SdkException failure) {
    if (failure instanceof ExecutionDoesNotExistException missing) {
      return new ExecutionNotFoundException(executionArn, missing);
    }
    return new ExecutionException(
        "Step Functions DescribeExecution failed for '" + executionArn + "'",
        executionArn,
        failure);
  }
}
