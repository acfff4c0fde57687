package io.github.py2sfn.tasktools.localrunner;

/**
 * Mirrors each local execution as an execution in a Step Functions API (an emulator or AWS), so the
 * execution ARN a task sees is real and a task's {@code StopExecution} call really stops the local
 * run.
 *
 * @see SfnExecutionMirror
 */
@FunctionalInterface
public interface ExecutionMirror {

  /**
   * Starts the mirror of one local execution.
   *
   * @param stateMachineName the state machine's name
   * @param executionName the local execution's name, which the mirror must use
   * @param input the execution input as JSON text
   * @return the mirrored execution, which the runner polls and finally closes
   */
  MirroredExecution start(String stateMachineName, String executionName, String input);
}
