package io.github.py2sfn.tasktools.localrunner;

/** What a {@link HistoryEvent} records. */
public enum HistoryEventType {
  /** The execution started. */
  EXECUTION_STARTED,
  /** A state started. */
  STATE_ENTERED,
  /** A state finished and passed its output on. */
  STATE_EXITED,
  /** A state failed (a Catch may still route the error). */
  STATE_FAILED,
  /** A Task invoked its function. */
  TASK_SCHEDULED,
  /** A Task's function returned. */
  TASK_SUCCEEDED,
  /** A Task's function failed. */
  TASK_FAILED,
  /** A Retry entry scheduled another attempt. */
  RETRY_SCHEDULED,
  /** A Catch entry routed an error. */
  ERROR_CAUGHT,
  /** A Wait state or Retry interval waited (or skipped the wait). */
  WAITED,
  /** A Map iteration or Parallel branch started. */
  ITERATION_STARTED,
  /**
   * A Map iteration or Parallel branch stopped, starting no further state, because another one of
   * the same state failed.
   */
  ITERATION_ABORTED,
  /** The execution succeeded. */
  EXECUTION_SUCCEEDED,
  /** The execution failed. */
  EXECUTION_FAILED,
  /** The execution timed out. */
  EXECUTION_TIMED_OUT,
  /** The execution was aborted. */
  EXECUTION_ABORTED
}
