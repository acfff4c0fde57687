package io.github.py2sfn.tasktools.task;

import org.jspecify.annotations.Nullable;

/**
 * Who runs a task, as far as its event tells: every field is {@code null} when the event did not
 * carry it. The {@code require*} methods name the event field to add.
 *
 * @param executionArn the execution ARN ({@code $$.Execution.Id}), or built from the names and the
 *     region and account of the Lambda function
 * @param executionName the execution name ({@code $$.Execution.Name}), which scopes local state
 *     data keys
 * @param stateMachineName the state machine name ({@code $$.StateMachine.Name})
 * @param stateName the Task state's name ({@code $$.State.Name})
 * @param mapItemIndex the index of the Map iteration ({@code $$.Map.Item.Index})
 * @param taskToken the task token of a callback task ({@code $$.Task.Token}): a secret that lets
 *     anyone holding it complete the task, so {@link #toString()} shows only whether it is present
 * @param traceId the py2sfn trace id ({@code $.__trace.id})
 */
public record ExecutionIdentity(
    @Nullable String executionArn,
    @Nullable String executionName,
    @Nullable String stateMachineName,
    @Nullable String stateName,
    @Nullable Integer mapItemIndex,
    @Nullable String taskToken,
    @Nullable String traceId) {

  /** An identity that knows nothing: for events that carry no execution fields. */
  public static final ExecutionIdentity UNKNOWN =
      new ExecutionIdentity(null, null, null, null, null, null, null);

  static final String HOW_TO_PASS =
      " Pass \"meta\": {\"sfn_execution_name.$\": \"$$.Execution.Name\", "
          + "\"sfn_state_machine_name.$\": \"$$.StateMachine.Name\", ...} with \"data.$\": \"$\", "
          + "or \"sfn_context.$\": \"$$\" with \"input.$\": \"$\", in the Task state's Parameters.";

  /**
   * Returns the task token of a callback task ({@code .waitForTaskToken}), to hand to whoever
   * completes the task.
   *
   * @return the task token
   * @throws TaskEventException if the event did not carry it
   */
  public String requireTaskToken() {
    if (taskToken == null) {
      throw new TaskEventException(
          "The task's event carries no task token (meta.sfn_task_token or"
              + " sfn_context.Task.Token): the Task state's Resource must end in"
              + " .waitForTaskToken, and its Parameters pass \"sfn_task_token.$\":"
              + " \"$$.Task.Token\" in \"meta\" (or \"sfn_context.$\": \"$$\").");
    }
    return taskToken;
  }

  /**
   * Returns the execution name.
   *
   * @return the execution name
   * @throws TaskEventException if the event did not carry it
   */
  public String requireExecutionName() {
    if (executionName == null) {
      throw new TaskEventException(
          "The task's event carries no execution name (meta.sfn_execution_name or"
              + " sfn_context.Execution.Name)."
              + HOW_TO_PASS);
    }
    return executionName;
  }

  /**
   * Returns the execution ARN.
   *
   * @return the execution ARN
   * @throws TaskEventException if the event did not carry it and it cannot be built
   */
  public String requireExecutionArn() {
    if (executionArn == null) {
      throw new TaskEventException(
          "The task's event does not identify the execution ARN: it needs sfn_context.Execution.Id,"
              + " or meta.sfn_execution_name and meta.sfn_state_machine_name with a known region and"
              + " account (the Lambda function's ARN, or py2sfn.region and py2sfn.account-id)."
              + HOW_TO_PASS);
    }
    return executionArn;
  }

  /**
   * Shows every field but the task token, which could complete the task: only whether it is set.
   */
  @Override
  public String toString() {
    return "ExecutionIdentity[executionArn="
        + executionArn
        + ", executionName="
        + executionName
        + ", stateMachineName="
        + stateMachineName
        + ", stateName="
        + stateName
        + ", mapItemIndex="
        + mapItemIndex
        + ", taskToken="
        + (taskToken == null ? "null" : "(present)")
        + ", traceId="
        + traceId
        + "]";
  }
}
