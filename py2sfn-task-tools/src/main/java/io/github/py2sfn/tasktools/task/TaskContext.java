package io.github.py2sfn.tasktools.task;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.py2sfn.tasktools.execution.StopExecutionResult;
import io.github.py2sfn.tasktools.state.StateDataClient;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a task knows and can do about the execution it runs in: its identity, its state data and
 * stopping it. One context belongs to one invocation.
 */
public interface TaskContext {

  /**
   * The SLF4J MDC key that holds the execution name while a {@code TaskHandler} runs, so that log
   * lines of the task and of this library can be traced to their execution: add {@code
   * %X{py2sfn.execution}} to the log pattern, or use a JSON layout that writes the MDC.
   */
  String EXECUTION_NAME_MDC_KEY = "py2sfn.execution";

  /**
   * Returns who is running this task: execution ARN and name, state machine, state, Map item index,
   * task token and trace id, as far as the event carried them.
   *
   * @return the execution's identity
   */
  ExecutionIdentity execution();

  /**
   * Returns the task token of a callback task: the Task state's Resource ends in {@code
   * .waitForTaskToken} and its Parameters pass {@code $$.Task.Token} as {@code meta.sfn_task_token}
   * (or the whole context object as {@code sfn_context}). Step Functions then waits until someone
   * holding the token calls {@code TaskCallbacks.succeed} or {@code fail}: hand it to that system.
   * The token lets anyone complete the task: keep it out of logs.
   *
   * @return the token, empty when the event carried none
   */
  default Optional<String> taskToken() {
    return Optional.ofNullable(execution().taskToken());
  }

  /**
   * Returns the state data client of this execution: local keys are scoped to its name.
   *
   * @return the client
   * @throws io.github.py2sfn.tasktools.state.StateDataConfigurationException if state data is
   *     disabled
   */
  StateDataClient stateData();

  /**
   * Stops this execution without error or cause.
   *
   * @return what was done; the task may return it
   * @throws TaskEventException if the event does not identify the execution
   */
  default StopExecutionResult stopExecution() {
    return stopExecution(null, null);
  }

  /**
   * Stops this execution with an error code and a cause. Nothing happens if it has already ended;
   * otherwise this waits until it is {@code ABORTED} (see {@code py2sfn.stop.*}).
   *
   * @param error a short error code, e.g. {@code FeatureDisabled}
   * @param cause a longer explanation
   * @return what was done; the task may return it
   * @throws TaskEventException if the event does not identify the execution
   */
  StopExecutionResult stopExecution(@Nullable String error, @Nullable String cause);

  /**
   * Returns the Lambda context of this invocation, when running on Lambda.
   *
   * @return the Lambda context
   */
  Optional<Context> lambdaContext();
}
