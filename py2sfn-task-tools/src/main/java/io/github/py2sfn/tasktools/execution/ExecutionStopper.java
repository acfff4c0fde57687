package io.github.py2sfn.tasktools.execution;

import org.jspecify.annotations.Nullable;

/**
 * Stops a Step Functions execution, with the Python original's semantics: describe it first; if it
 * has already ended do nothing; otherwise call StopExecution with the optional error and cause and
 * (unless configured otherwise) wait until it is {@code ABORTED}.
 *
 * <p>Inside a task, prefer {@code TaskContext.stopExecution(error, cause)}, which knows the running
 * execution.
 */
@FunctionalInterface
public interface ExecutionStopper {

  /**
   * Stops an execution.
   *
   * @param executionArn the execution
   * @param error a short error code, e.g. {@code FeatureDisabled}
   * @param cause a longer explanation
   * @return what was done and the execution's status afterwards
   * @throws ExecutionNotFoundException if there is no such execution
   * @throws ExecutionStopTimeoutException if waiting for {@code ABORTED} timed out
   * @throws ExecutionException if a Step Functions call failed
   */
  StopExecutionResult stop(String executionArn, @Nullable String error, @Nullable String cause);
}
