package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;
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
    VariableScope variables = visit.variables();
    if (state.jsonata() != null) {
      JsonataTemplate.States states = visit.states(context, null, null);
      return new StateOutcome(
          JsonataDataFlow.output(state.jsonata().output(), "Output", states, visit.input()),
          state.next(),
          Assignments.jsonata(state.assign(), states));
    }
    JsonNode effective =
        JsonPathDataFlow.parameters(
            state.parameters(),
            JsonPathDataFlow.inputPath(state.paths(), visit.input(), context, variables),
            context,
            variables);
    JsonNode result = state.result() != null ? state.result() : effective;
    JsonNode placed =
        JsonPathDataFlow.resultPath(
            state.resultPath(),
            visit.input(),
            result,
            "State '" + state.name() + "' field ResultPath");
    return new StateOutcome(
        JsonPathDataFlow.outputPath(state.paths(), placed, context, variables),
        state.next(),
        Assignments.jsonPath(state.assign(), result, context, variables));
  }

  static StateOutcome succeed(StateDefinition.SucceedState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    VariableScope variables = visit.variables();
    if (state.jsonata() != null) {
      return new StateOutcome(
          JsonataDataFlow.output(
              state.jsonata().output(), "Output", visit.states(context, null, null), visit.input()),
          null);
    }
    JsonNode effective =
        JsonPathDataFlow.inputPath(state.paths(), visit.input(), context, variables);
    return new StateOutcome(
        JsonPathDataFlow.outputPath(state.paths(), effective, context, variables), null);
  }

  /** Always throws: the failure carries the state's error and cause. */
  static StateOutcome fail(StateDefinition.FailState state, StateVisit visit) {
    Bindings bindings = new Bindings(visit.input(), visit.context(0), visit.variables());
    if (state.jsonata() != null) {
      JsonataTemplate.States states = visit.states(bindings.context(), null, null);
      String error = JsonataDataFlow.text(state.jsonata(), "Error", states);
      String cause = JsonataDataFlow.text(state.jsonata(), "Cause", states);
      throw new StateFailure(error, cause);
    }
    String error =
        state.errorPath() == null
            ? state.error()
            : JsonPathDataFlow.requireText(
                state.errorPath().evaluate(bindings, "ErrorPath"), state.name(), "ErrorPath");
    String cause =
        state.causePath() == null
            ? state.cause()
            : JsonPathDataFlow.requireText(
                state.causePath().evaluate(bindings, "CausePath"), state.name(), "CausePath");
    throw new StateFailure(error, cause);
  }

  static StateOutcome choice(StateDefinition.ChoiceState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    VariableScope variables = visit.variables();
    if (state.jsonata() != null) {
      // A chosen rule's Output replaces the state's own.
      JsonataTemplate.States states = visit.states(context, null, null);
      StateDefinition.ChoiceBranch chosen =
          chosen(state, new Bindings(visit.input(), context, variables));
      String next = chosen == null ? defaultNext(state) : chosen.next();
      JsonataTemplate output = state.jsonata().output();
      String field = "Output";
      if (chosen != null && chosen.output() != null) {
        output = chosen.output();
        field = "Choices[" + state.choices().indexOf(chosen) + "].Output";
      }
      // The state's Assign applies whichever rule matches; the chosen rule's adds to it.
      return new StateOutcome(
          JsonataDataFlow.output(output, field, states, visit.input()),
          next,
          Assignments.merge(
              Assignments.jsonata(state.assign(), states),
              Assignments.jsonata(chosen == null ? null : chosen.assign(), states)));
    }
    JsonNode effective =
        JsonPathDataFlow.inputPath(state.paths(), visit.input(), context, variables);
    StateDefinition.ChoiceBranch chosen =
        chosen(state, new Bindings(effective, context, variables));
    String next = chosen != null ? chosen.next() : defaultNext(state);
    return new StateOutcome(
        JsonPathDataFlow.outputPath(state.paths(), effective, context, variables),
        next,
        Assignments.merge(
            Assignments.jsonPath(state.assign(), effective, context, variables),
            Assignments.jsonPath(
                chosen == null ? null : chosen.assign(), effective, context, variables)));
  }

  private static StateDefinition.@Nullable ChoiceBranch chosen(
      StateDefinition.ChoiceState state, Bindings bindings) {
    for (StateDefinition.ChoiceBranch branch : state.choices()) {
      if (branch.rule().matches(bindings)) {
        return branch;
      }
    }
    return null;
  }

  private static String defaultNext(StateDefinition.ChoiceState state) {
    if (state.defaultNext() != null) {
      return state.defaultNext();
    }
    throw new StateFailure(
        "States.NoChoiceMatched",
        "No Choice rule matched and there is no Default in state '" + state.name() + "'");
  }
}
