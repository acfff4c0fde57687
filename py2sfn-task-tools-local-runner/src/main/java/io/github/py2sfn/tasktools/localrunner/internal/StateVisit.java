package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry into a state, what every step receives besides the state's definition.
 *
 * @param run the execution
 * @param scope where the state runs (see {@link
 *     io.github.py2sfn.tasktools.localrunner.HistoryEvent#scope()})
 * @param state the state
 * @param input the state's raw input
 * @param entered when it was entered ({@code $$.State.EnteredTime})
 * @param variables the variables its graph sees
 * @param cancellation tells it that a sibling iteration or branch of its graph failed
 */
record StateVisit(
    RunState run,
    String scope,
    StateDefinition state,
    JsonNode input,
    Instant entered,
    VariableScope variables,
    Cancellation cancellation) {

  /** The context object ({@code $$}) for one attempt at this state. */
  ObjectNode context(int retryCount) {
    return run.contextObject(state.name(), entered, retryCount);
  }

  /** {@code $states} for one field of this state, and the variables from before it. */
  JsonataTemplate.States states(
      JsonNode context, @Nullable JsonNode result, @Nullable JsonNode errorOutput) {
    return new JsonataTemplate.States(input, context, result, errorOutput, variables);
  }

  /**
   * What the work of a Task or Parallel state receives: its JSONata {@code Arguments}, or its input
   * after {@code InputPath} and {@code Parameters}.
   *
   * @throws StateFailure {@code States.DataLimitExceeded} when it is larger than the payload quota
   *     (the guide's error names: "the input of a state is larger than the payload size quota after
   *     Parameters processing")
   */
  JsonNode effectiveInput(
      StateDefinition.@Nullable JsonataFields jsonata,
      StateDefinition.Paths paths,
      @Nullable PayloadTemplate parameters,
      ObjectNode context) {
    JsonNode effective =
        jsonata != null
            ? JsonataDataFlow.arguments(jsonata, input, context, variables)
            : JsonPathDataFlow.parameters(
                parameters,
                JsonPathDataFlow.inputPath(paths, input, context, variables),
                context,
                variables);
    DataLimits.checkPayload(
        run.settings().enforcePayloadQuota(),
        effective,
        state.name(),
        jsonata != null ? "Arguments" : "input after Parameters");
    return effective;
  }

  /** Records an event of this state. */
  void record(HistoryEventType type, @Nullable String detail) {
    run.history().record(type, scope, state, null, detail);
  }

  /** The scope of this state's iteration or branch {@code index}: {@code Outer[2]/Fanout[0]}. */
  String childScope(int index) {
    return (scope.isEmpty() ? "" : scope + "/") + state.name() + "[" + index + "]";
  }
}
