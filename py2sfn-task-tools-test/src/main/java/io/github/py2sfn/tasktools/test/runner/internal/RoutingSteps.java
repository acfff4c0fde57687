package io.github.py2sfn.tasktools.test.runner.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The states that do no work of their own: Pass and Choice reshape the data and pick the next
 * state, Succeed and Fail end their graph.
 */
final class RoutingSteps {

  private RoutingSteps() {}

  static StateOutcome pass(StateDefinition.PassState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    JsonNode effective =
        JsonPathDataFlow.parameters(
            state.parameters(),
            JsonPathDataFlow.inputPath(state.paths(), visit.input(), context),
            context);
    JsonNode result = state.result() != null ? state.result() : effective;
    JsonNode placed = JsonPathDataFlow.resultPath(state.resultPath(), visit.input(), result);
    return new StateOutcome(
        JsonPathDataFlow.outputPath(state.paths(), placed, context), state.next());
  }

  static StateOutcome succeed(StateDefinition.SucceedState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    JsonNode effective = JsonPathDataFlow.inputPath(state.paths(), visit.input(), context);
    return new StateOutcome(JsonPathDataFlow.outputPath(state.paths(), effective, context), null);
  }

  /** Always throws: the failure carries the state's error and cause. */
  static StateOutcome fail(StateDefinition.FailState state, StateVisit visit) {
    Bindings bindings = new Bindings(visit.input(), visit.context(0));
    String error =
        state.errorPath() == null
            ? state.error()
            : JsonPathDataFlow.readText(state.errorPath(), bindings, state.name(), "ErrorPath");
    String cause =
        state.causePath() == null
            ? state.cause()
            : JsonPathDataFlow.readText(state.causePath(), bindings, state.name(), "CausePath");
    throw new StateFailure(error, cause);
  }

  static StateOutcome choice(StateDefinition.ChoiceState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    JsonNode effective = JsonPathDataFlow.inputPath(state.paths(), visit.input(), context);
    String next = next(state, new Bindings(effective, context));
    return new StateOutcome(JsonPathDataFlow.outputPath(state.paths(), effective, context), next);
  }

  /** The first matching rule's {@code Next}, else {@code Default}; no match is an error. */
  private static String next(StateDefinition.ChoiceState state, Bindings bindings) {
    for (StateDefinition.ChoiceBranch branch : state.choices()) {
      if (branch.rule().matches(bindings)) {
        return branch.next();
      }
    }
    if (state.defaultNext() != null) {
      return state.defaultNext();
    }
    throw new StateFailure(
        "States.NoChoiceMatched",
        "No Choice rule matched and there is no Default in state '" + state.name() + "'");
  }
}
