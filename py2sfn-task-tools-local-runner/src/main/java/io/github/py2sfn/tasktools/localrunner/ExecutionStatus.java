package io.github.py2sfn.tasktools.localrunner;

/** How a local execution ended; the names are those of the Step Functions API. */
public enum ExecutionStatus {
  /** The execution reached a Succeed state or an end state. */
  SUCCEEDED,
  /** A state failed and nothing caught the error, or a Fail state ran. */
  FAILED,
  /** The execution ran longer than the definition's {@code TimeoutSeconds}. */
  TIMED_OUT,
  /** The mirrored execution was stopped (StopExecution), so the local run stopped too. */
  ABORTED
}
