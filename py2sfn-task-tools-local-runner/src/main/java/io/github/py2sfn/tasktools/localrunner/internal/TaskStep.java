package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.localrunner.StateMachineRunnerException;
import io.github.py2sfn.tasktools.localrunner.TaskFailedException;
import io.github.py2sfn.tasktools.localrunner.TaskRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of a Task state: builds the request, invokes the function (within TimeoutSeconds), for a
 * callback task waits for its token ({@link TaskTokens}), and turns what it throws into the error
 * AWS reports. Retry, Catch and the result's path handling are {@link RetryAndCatch}'s.
 */
final class TaskStep {

  /** What AWS reports for a {@code lambda:invoke} of a function that does not exist. */
  private static final String RESOURCE_NOT_FOUND = "Lambda.ResourceNotFoundException";

  private final TaskResources resources;
  private final StartExecutionStep startExecutions;

  TaskStep(TaskResources resources, StartExecutionStep startExecutions) {
    this.resources = resources;
    this.startExecutions = startExecutions;
  }

  /**
   * One attempt: the function's result, wrapped as AWS wraps it for {@code lambda:invoke}; for a
   * callback task, the SendTaskSuccess output instead.
   */
  JsonNode run(StateDefinition.TaskState state, StateVisit visit, ObjectNode context) {
    if (!state.target().waitForTaskToken()) {
      return attempt(state, visit, context, null);
    }
    // Every attempt gets its own token, in $$.Task.Token before the Parameters read it.
    TaskTokens.Waiter callback = visit.run().taskTokens().issue();
    context.putObject("Task").put("Token", callback.token());
    try {
      return attempt(state, visit, context, callback);
    } finally {
      callback.forget();
    }
  }

  private JsonNode attempt(
      StateDefinition.TaskState state,
      StateVisit visit,
      ObjectNode context,
      TaskTokens.@Nullable Waiter callback) {
    StateDefinition.TaskTarget target = state.target();
    String parametersField = state.jsonata() == null ? "Parameters" : "Arguments";
    JsonNode effective =
        visit.effectiveInput(state.jsonata(), state.paths(), state.parameters(), context);
    String function = target.functionName();
    boolean namedAtRunTime = function == null;
    JsonNode payload = effective;
    if (target.lambdaInvoke()) {
      if (function == null) {
        function = runtimeFunctionName(state, parametersField, effective);
      }
      payload =
          effective.has("Payload")
              ? effective.get("Payload")
              : JsonNodeFactory.instance.objectNode();
    }
    Double timeout = state.timeoutSeconds();
    if (state.jsonata() != null) {
      Long seconds =
          JsonataDataFlow.integer(
              state.jsonata(), "TimeoutSeconds", visit.states(context, null, null), 1);
      timeout = seconds == null ? null : seconds.doubleValue();
    }
    if (state.timeoutSecondsPath() != null) {
      timeout =
          (double)
              positiveSeconds(state.timeoutSecondsPath(), "TimeoutSecondsPath", visit, context);
    }
    if (target.startExecution() != null) {
      return startExecutions.run(state, visit, effective, timeout, parametersField);
    }
    Double heartbeat = state.heartbeatSeconds();
    if (state.jsonata() != null) {
      Long seconds =
          JsonataDataFlow.integer(
              state.jsonata(), "HeartbeatSeconds", visit.states(context, null, null), 1);
      heartbeat = seconds == null ? null : seconds.doubleValue();
    }
    if (state.heartbeatSecondsPath() != null) {
      heartbeat =
          (double)
              positiveSeconds(state.heartbeatSecondsPath(), "HeartbeatSecondsPath", visit, context);
    }
    TaskRequest request =
        new TaskRequest(function, payload, state.name(), target.resource(), context);
    visit.record(HistoryEventType.TASK_SCHEDULED, function);
    // Static names were checked before the run; this one is known only now. As on AWS, a
    // function that does not exist fails the task, for Retry and Catch, not the execution.
    if (namedAtRunTime && !visit.run().settings().invoker().canInvoke(function)) {
      visit.record(HistoryEventType.TASK_FAILED, RESOURCE_NOT_FOUND);
      throw new StateFailure(
          RESOURCE_NOT_FOUND,
          "State '"
              + state.name()
              + "' field "
              + parametersField
              + ".FunctionName: Function not found: '"
              + effective.path("FunctionName").stringValue()
              + "' (no function '"
              + function
              + "' to invoke; add the bean, or map the name with an override)");
    }
    JsonNode result;
    try {
      result = invoke(visit.run(), request, timeout);
      if (callback != null) {
        // The function's own result is not the task's: the callback's output is.
        RunState run = visit.run();
        result = callback.await(timeout, heartbeat, run::checkStop);
      }
    } catch (TaskFailedException e) {
      visit.record(HistoryEventType.TASK_FAILED, e.error());
      throw new StateFailure(e.error(), e.failureCause());
    } catch (StateFailure e) {
      visit.record(HistoryEventType.TASK_FAILED, e.error());
      throw e;
    } finally {
      // A task may have stopped the execution (StopExecution), even if it then failed.
      visit.run().checkStop();
    }
    visit.record(HistoryEventType.TASK_SUCCEEDED, function);
    return target.lambdaInvoke() && callback == null ? LambdaErrors.invokeResponse(result) : result;
  }

  /**
   * The function a {@code lambda:invoke} names only when it runs (a {@code FunctionName} path or
   * expression, or {@code Arguments} that are one whole expression). A value that is not a function
   * name fails the state with {@code States.Runtime}: the guide names no error for it, and AWS
   * reports request parameters a Task cannot start with as {@code States.Runtime} ("could not be
   * used to start the Task").
   */
  private String runtimeFunctionName(
      StateDefinition.TaskState state, String field, JsonNode effective) {
    JsonNode name = effective.path("FunctionName");
    String where = "State '" + state.name() + "' field " + field + ".FunctionName: ";
    if (!name.isString()) {
      throw StateFailure.runtime(
          where + (name.isMissingNode() ? "missing" : "not a string but " + name.getNodeType()));
    }
    String function;
    try {
      function = resources.functionName(name.stringValue());
    } catch (IllegalArgumentException e) {
      throw StateFailure.runtime(where + e.getMessage());
    }
    return function;
  }

  /**
   * A {@code *SecondsPath} value: the Task state page reads it "from the state input", the raw
   * input before {@code InputPath}, and it must be a positive integer.
   */
  private static long positiveSeconds(
      JsonPathExpression path, String field, StateVisit visit, ObjectNode context) {
    JsonNode value = path.read(new Bindings(visit.input(), context, visit.variables()), field);
    boolean positiveInteger =
        value.isNumber()
            && value.asDouble() == Math.rint(value.asDouble())
            && value.asDouble() >= 1;
    if (!positiveInteger) {
      throw StateFailure.runtime(
          "State '" + visit.state().name() + "' field " + field + ": not a positive integer");
    }
    return value.asLong();
  }

  private static JsonNode invoke(
      RunState run, TaskRequest request, @Nullable Double timeoutSeconds) {
    EngineSettings settings = run.settings();
    if (timeoutSeconds == null) {
      try {
        return settings.invoker().invoke(request);
      } catch (TaskFailedException | StateFailure | RunState.Aborted | RunState.TimedOut e) {
        throw e;
      } catch (RuntimeException | Error e) {
        throw LambdaErrors.unhandled(e, settings.mapper());
      }
    }
    Future<JsonNode> future =
        CompletableFuture.supplyAsync(() -> settings.invoker().invoke(request), run.executor());
    try {
      return future.get((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StateFailure("States.Timeout", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateMachineRunnerException(
          "Interrupted waiting for task " + request.stateName(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TaskFailedException failed) {
        throw failed;
      }
      throw LambdaErrors.unhandled(cause, settings.mapper());
    }
  }
}
