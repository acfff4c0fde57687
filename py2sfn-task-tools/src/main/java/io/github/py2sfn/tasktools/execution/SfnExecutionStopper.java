package io.github.py2sfn.tasktools.execution;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The {@link ExecutionStopper} on the Step Functions API. */
public final class SfnExecutionStopper implements ExecutionStopper {

  private static final Logger log = LoggerFactory.getLogger(SfnExecutionStopper.class);
  private static final Set<ExecutionStatus> TERMINAL =
      Set.of(
          ExecutionStatus.SUCCEEDED,
          ExecutionStatus.FAILED,
          ExecutionStatus.TIMED_OUT,
          ExecutionStatus.ABORTED);

  private final SfnClient sfn;
  private final StopOptions options;
  private final Clock clock;

  /**
   * Creates a stopper.
   *
   * @param sfn the Step Functions client
   * @param options how to wait for the stop
   */
  public SfnExecutionStopper(SfnClient sfn, StopOptions options) {
    this(sfn, options, Clock.systemUTC());
  }

  SfnExecutionStopper(SfnClient sfn, StopOptions options, Clock clock) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = clock;
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
      status = awaitAborted(executionArn);
    }
    return new StopExecutionResult(executionArn, status.toString(), error, cause, true);
  }

  /** Polls until the execution has ended: ABORTED, or another end it reached meanwhile. */
  private ExecutionStatus awaitAborted(String executionArn) {
    Instant deadline = clock.instant().plus(options.timeout());
    ExecutionStatus status = describe(executionArn);
    while (!TERMINAL.contains(status)) {
      if (clock.instant().plus(options.pollInterval()).isAfter(deadline)) {
        throw new ExecutionStopTimeoutException(executionArn, options.timeout(), status.toString());
      }
      try {
        Thread.sleep(options.pollInterval().toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new ExecutionException(
            "Interrupted while waiting for execution '" + executionArn + "' to be ABORTED",
            executionArn,
            interrupted);
      }
      status = describe(executionArn);
    }
    return status;
  }

  private ExecutionStatus describe(String executionArn) {
    try {
      return sfn.describeExecution(request -> request.executionArn(executionArn)).status();
    } catch (ExecutionDoesNotExistException missing) {
      throw new ExecutionNotFoundException(executionArn, missing);
    } catch (SdkException failure) {
      throw new ExecutionException(
          "Step Functions DescribeExecution failed for '" + executionArn + "'",
          executionArn,
          failure);
    }
  }
}
