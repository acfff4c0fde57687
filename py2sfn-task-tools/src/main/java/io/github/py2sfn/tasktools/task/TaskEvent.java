package io.github.py2sfn.tasktools.task;

import io.github.py2sfn.tasktools.execution.ExecutionArn;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A task's Lambda event, split into the execution's identity and the state input. Three shapes are
 * understood:
 *
 * <ul>
 *   <li><b>py2sfn</b>: {@code {"meta": {"sfn_execution_name", "sfn_state_name",
 *       "sfn_state_machine_name", "sfn_task_token", "trace_id", "trace_source"}, "data": <input>}};
 *       a Map iteration's {@code context_index} inside {@code data} gives the item index;
 *   <li><b>context object</b>: {@code {"sfn_context": <$$>, "input": <input>}}, from the Parameters
 *       {@code {"sfn_context.$": "$$", "input.$": "$"}};
 *   <li><b>plain</b>: anything else is the input itself, with no execution identity but the Map
 *       item index of a py2sfn Map iteration event ({@code context_index}).
 * </ul>
 *
 * @param execution who runs the task
 * @param input the state input, handed to the task
 * @param shape which shape the event had
 */
public record TaskEvent(ExecutionIdentity execution, JsonNode input, Shape shape) {

  /** The shapes of event a task can receive. */
  public enum Shape {
    /** {@code {"meta": {...}, "data": ...}}, as py2sfn task states pass it. */
    PY2SFN,
    /** {@code {"sfn_context": $$, "input": ...}}, passing the whole context object. */
    CONTEXT_OBJECT,
    /** Any other event: the input itself. */
    PLAIN
  }

  static final String META = "meta";
  static final String DATA = "data";
  static final String CONTEXT = "sfn_context";
  static final String INPUT = "input";

  /**
   * Reads an event.
   *
   * @param event the Lambda event
   * @param location where the function runs, to build the execution ARN from names
   * @return the identity and input
   * @throws TaskEventException if an identity field has the wrong type
   */
  public static TaskEvent parse(JsonNode event, AwsLocation location) {
    if (event.path(META).isObject() && event.has(DATA)) {
      return py2sfn(event, location);
    }
    if (event.path(CONTEXT).isObject()) {
      return contextObject(event);
    }
    Integer mapItemIndex = index(event.get("context_index"), "context_index");
    ExecutionIdentity identity =
        mapItemIndex == null
            ? ExecutionIdentity.UNKNOWN
            : new ExecutionIdentity(null, null, null, null, mapItemIndex, null, null);
    return new TaskEvent(identity, event, Shape.PLAIN);
  }

  private static TaskEvent py2sfn(JsonNode event, AwsLocation location) {
    JsonNode meta = event.get(META);
    JsonNode data = event.get(DATA);
    String executionName = text(meta, "sfn_execution_name", "meta.");
    String stateMachineName = text(meta, "sfn_state_machine_name", "meta.");
    String executionArn = null;
    if (executionName != null && stateMachineName != null && location.isComplete()) {
      executionArn =
          new ExecutionArn(
                  location.partition() != null ? location.partition() : "aws",
                  location.region(),
                  location.accountId(),
                  stateMachineName,
                  executionName)
              .toString();
    }
    ExecutionIdentity identity =
        new ExecutionIdentity(
            executionArn,
            executionName,
            stateMachineName,
            text(meta, "sfn_state_name", "meta."),
            index(data.get("context_index"), "data.context_index"),
            text(meta, "sfn_task_token", "meta."),
            text(meta, "trace_id", "meta."));
    return new TaskEvent(identity, data, Shape.PY2SFN);
  }

  private static TaskEvent contextObject(JsonNode event) {
    JsonNode context = event.get(CONTEXT);
    String prefix = CONTEXT + ".";
    JsonNode input = event.has(INPUT) ? event.get(INPUT) : NullNode.getInstance();
    ExecutionIdentity identity =
        new ExecutionIdentity(
            text(context.path("Execution"), "Id", prefix + "Execution."),
            text(context.path("Execution"), "Name", prefix + "Execution."),
            text(context.path("StateMachine"), "Name", prefix + "StateMachine."),
            text(context.path("State"), "Name", prefix + "State."),
            index(context.path("Map").path("Item").get("Index"), prefix + "Map.Item.Index"),
            text(context.path("Task"), "Token", prefix + "Task."),
            text(input.path("__trace"), "id", "input.__trace."));
    return new TaskEvent(identity, input, Shape.CONTEXT_OBJECT);
  }

  private static @Nullable String text(JsonNode parent, String field, String prefix) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!value.isString()) {
      throw new TaskEventException(
          "Event field '" + prefix + field + "' must be a string, not " + value.getNodeType());
    }
    return value.asString();
  }

  private static @Nullable Integer index(@Nullable JsonNode value, String field) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
      throw new TaskEventException("Event field '" + field + "' must be a non-negative integer");
    }
    return value.asInt();
  }
}
