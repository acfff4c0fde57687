package io.github.py2sfn.sample.local;

import io.github.py2sfn.sample.catalog.CallbackSent;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import java.util.List;

/**
 * One local execution of the workflow and what its reviewer sent to complete its approval step.
 *
 * @param result the execution's result
 * @param callbacks the callbacks {@code approvePricing} sent, in order; empty when the execution
 *     never requested approval or nobody answered
 */
public record ReviewedRun(ExecutionResult result, List<CallbackSent> callbacks) {

  /** Copies {@code callbacks}. */
  public ReviewedRun {
    callbacks = List.copyOf(callbacks);
  }
}
