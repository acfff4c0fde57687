package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of a {@code states:startExecution} Task state whose state machine the runner knows
 * (Start a new AWS Step Functions state machine from a running execution,
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html): starts an
 * execution of it with the request's {@code Input} and {@code Name}. Request-response returns
 * {@code ExecutionArn} and {@code StartDate} once it started; {@code .sync} and {@code .sync:2}
 * wait for it (Run a Job (.sync),
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-sync),
 * recording its events in this execution's history, and return its DescribeExecution fields, with
 * {@code Output} a JSON string ({@code .sync}) or JSON ({@code .sync:2}). A task aborted while it
 * waits (the execution stopped or timed out, a sibling branch or iteration failed, or its own
 * TimeoutSeconds passed) stops the nested execution, as Step Functions "will call the Step
 * Functions StopExecution API action".
 */
final class StartExecutionStep {

  /** What a StateMachineArn that names no state machine the runner knows fails the task with. */
  static final String DOES_NOT_EXIST = "StepFunctions.StateMachineDoesNotExistException";

  /** What an {@code Input} string that is not JSON, or over the quota, fails the task with. */
  static final String INVALID_INPUT = "StepFunctions.InvalidExecutionInputException";

  /** What a nested execution that did not succeed fails a {@code .sync} task with. */
  static final String TASK_FAILED = "States.TaskFailed";

  private static final Pattern STATE_MACHINE_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:states:[a-z0-9-]*:\\d*:stateMachine:([A-Za-z0-9_.-]+)(?::[A-Za-z0-9_$.-]+)?");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The state machine a {@code StateMachineArn} names: the one registered under that exact value,
   * else, for a state machine ARN (with or without a version or alias), the one registered under
   * its name.
   */
  static @Nullable Engine find(Map<String, Engine> machines, String stateMachineArn) {
    Engine engine = machines.get(stateMachineArn);
    if (engine != null) {
      return engine;
    }
    Matcher arn = STATE_MACHINE_ARN.matcher(stateMachineArn);
    return arn.matches() ? machines.get(arn.group(1)) : null;
  }

  /**
   * One attempt: starts the execution and, for {@code .sync} and {@code .sync:2}, waits for it.
   *
   * @param request the task's effective {@code Parameters} or {@code Arguments}
   * @param timeoutSeconds the task's TimeoutSeconds, or null
   * @param field {@code Parameters} or {@code Arguments}
   */
  JsonNode run(
      StateDefinition.TaskState state,
      StateVisit visit,
      JsonNode request,
      @Nullable Double timeoutSeconds,
      String field) {
    StateDefinition.StartExecutionPattern pattern = state.target().startExecution();
    EngineSettings settings = visit.run().settings();
    ObjectMapper mapper = settings.mapper();
    String where = "State '" + state.name() + "' field " + field;
    JsonNode arnNode = request.path("StateMachineArn");
    if (!arnNode.isString()) {
      throw StateFailure.runtime(
          where
              + ".StateMachineArn: "
              + (arnNode.isMissingNode()
                  ? "missing"
                  : "not a string but " + arnNode.getNodeType()));
    }
    String stateMachineArn = arnNode.stringValue();
    visit.record(HistoryEventType.TASK_SCHEDULED, stateMachineArn);
    Engine machine = find(settings.stateMachines(), stateMachineArn);
    if (machine == null) {
      throw failed(
          visit,
          DOES_NOT_EXIST,
          where
              + ".StateMachineArn: State Machine Does Not Exist: '"
              + stateMachineArn
              + "' (register it with LocalStateMachineRunner.Builder.stateMachine)");
    }
    JsonNode input = input(visit, request.get("Input"), where, mapper);
    JsonNode nameNode = request.path("Name");
    String name = nameNode.isString() ? nameNode.stringValue() : UUID.randomUUID().toString();
    if (pattern == StateDefinition.StartExecutionPattern.REQUEST_RESPONSE) {
      return start(visit, machine, input, name, where);
    }
    return runToEnd(state, visit, machine, input, name, timeoutSeconds, pattern, where, mapper);
  }

  /**
   * The execution's input: an {@code Input} object (or other JSON value) as it is, a string as the
   * JSON text it holds, {@code {}} without one.
   */
  private static JsonNode input(
      StateVisit visit, @Nullable JsonNode value, String where, ObjectMapper mapper) {
    if (value == null) {
      return NODES.objectNode();
    }
    if (!value.isString()) {
      return value;
    }
    try {
      return mapper.readTree(value.stringValue());
    } catch (JacksonException e) {
      throw failed(visit, INVALID_INPUT, where + ".Input: the string is not JSON");
    }
  }

  /** Request-response: starts the execution on a thread of its own and returns once it started. */
  private static JsonNode start(
      StateVisit visit, Engine machine, JsonNode input, String name, String where) {
    CompletableFuture<RunState> started = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                machine.runNested(input, name, new TaskTokens(), null, started::complete);
              } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
              }
            },
            "sfn-local-start-" + name);
    thread.setDaemon(true);
    thread.start();
    RunState execution;
    try {
      execution = started.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IllegalArgumentException) {
        throw failed(visit, INVALID_INPUT, where + ".Input: " + e.getCause().getMessage());
      }
      throw e;
    }
    visit.record(HistoryEventType.TASK_SUCCEEDED, execution.executionArn());
    ObjectNode result = NODES.objectNode();
    result.put("ExecutionArn", execution.executionArn());
    result.put("StartDate", execution.startDate().toEpochMilli());
    return result;
  }

  /** {@code .sync} and {@code .sync:2}: runs the execution nested in this one, to its end. */
  private static JsonNode runToEnd(
      StateDefinition.TaskState state,
      StateVisit visit,
      Engine machine,
      JsonNode input,
      String name,
      @Nullable Double timeoutSeconds,
      StateDefinition.StartExecutionPattern pattern,
      String where,
      ObjectMapper mapper) {
    RunState run = visit.run();
    Cancellation cancellation = visit.cancellation();
    Instant deadline =
        timeoutSeconds == null ? null : run.now().plusMillis((long) (timeoutSeconds * 1000));
    AtomicBoolean timedOut = new AtomicBoolean();
    // What ends this task: its execution stopped or timed out, or its branch or iteration aborted.
    Runnable taskEnded =
        () -> {
          run.checkStop();
          run.checkDeadline();
          cancellation.throwIfCancelled();
        };
    Runnable check =
        () -> {
          if (deadline != null && run.now().isAfter(deadline)) {
            timedOut.set(true);
            throw new StateFailure("States.Timeout", null);
          }
          taskEnded.run();
        };
    String scope =
        (visit.scope().isEmpty() ? "" : visit.scope() + "/") + state.name() + "(" + name + ")";
    ExecutionResult result;
    try {
      result =
          machine.runNested(
              input,
              name,
              run.taskTokens(),
              new Engine.Nesting(run.history(), scope, check),
              started -> {});
    } catch (IllegalArgumentException tooLarge) {
      throw failed(visit, INVALID_INPUT, where + ".Input: " + tooLarge.getMessage());
    }
    if (timedOut.get()) {
      throw failed(visit, "States.Timeout", null);
    }
    // Whatever stopped the nested execution stops this task too.
    taskEnded.run();
    ObjectNode description = describe(result, input, pattern, mapper);
    if (result.status() != ExecutionStatus.SUCCEEDED) {
      throw failed(visit, TASK_FAILED, mapper.writeValueAsString(description));
    }
    visit.record(HistoryEventType.TASK_SUCCEEDED, result.executionArn());
    return description;
  }

  /**
   * The execution as DescribeExecution returns it (API_DescribeExecution.html): ARNs, name, status,
   * input, output ({@code .sync:2}: as JSON), start and stop dates, and error and cause when it did
   * not succeed.
   */
  private static ObjectNode describe(
      ExecutionResult result,
      JsonNode input,
      StateDefinition.StartExecutionPattern pattern,
      ObjectMapper mapper) {
    ObjectNode description = NODES.objectNode();
    if (result.cause() != null) {
      description.put("Cause", result.cause());
    }
    if (result.error() != null) {
      description.put("Error", result.error());
    }
    description.put("ExecutionArn", result.executionArn());
    description.put("Input", mapper.writeValueAsString(input));
    description.putObject("InputDetails").put("Included", true);
    description.put("Name", result.executionName());
    if (result.output() != null) {
      if (pattern == StateDefinition.StartExecutionPattern.SYNC_2) {
        description.set("Output", result.output());
      } else {
        description.put("Output", mapper.writeValueAsString(result.output()));
      }
      description.putObject("OutputDetails").put("Included", true);
    }
    description.put("StartDate", result.startDate().toEpochMilli());
    description.put("StateMachineArn", result.stateMachineArn());
    description.put("Status", result.status().name());
    description.put("StopDate", result.stopDate().toEpochMilli());
    return description;
  }

  private static StateFailure failed(StateVisit visit, String error, @Nullable String cause) {
    visit.record(HistoryEventType.TASK_FAILED, error);
    return new StateFailure(error, cause);
  }
}
