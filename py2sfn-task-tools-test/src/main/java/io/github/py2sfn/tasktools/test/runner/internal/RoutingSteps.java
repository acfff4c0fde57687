package io.github.py2sfn.tasktools.test.runner.internal;

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
    if (state.jsonata() != null) {
      return new StateOutcome(jsonataOutput(state.jsonata(), visit, context), state.next());
    }
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
    if (state.jsonata() != null) {
      return new StateOutcome(jsonataOutput(state.jsonata(), visit, context), null);
    }
    JsonNode effective = JsonPathDataFlow.inputPath(state.paths(), visit.input(), context);
    return new StateOutcome(JsonPathDataFlow.outputPath(state.paths(), effective, context), null);
  }

  /** Always throws: the failure carries the state's error and cause. */
  static StateOutcome fail(StateDefinition.FailState state, StateVisit visit) {
    Bindings bindings = new Bindings(visit.input(), visit.context(0));
    if (state.jsonata() != null) {
      JsonataTemplate.States states =
          new JsonataTemplate.States(visit.input(), bindings.context(), null, null);
      String error = JsonataDataFlow.text(state.jsonata(), "Error", states);
      String cause = JsonataDataFlow.text(state.jsonata(), "Cause", states);
      throw new StateFailure(error, cause);
    }
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
    if (state.jsonata() != null) {
      // A chosen rule's Output replaces the state's own.
      JsonataTemplate.States states =
          new JsonataTemplate.States(visit.input(), context, null, null);
      StateDefinition.ChoiceBranch chosen = chosen(state, new Bindings(visit.input(), context));
      String next = chosen == null ? defaultNext(state) : chosen.next();
      JsonataTemplate output = state.jsonata().output();
      String field = "Output";
      if (chosen != null && chosen.output() != null) {
        output = chosen.output();
        field = "Choices[" + state.choices().indexOf(chosen) + "].Output";
      }
      return new StateOutcome(JsonataDataFlow.output(output, field, states, visit.input()), next);
    }
    JsonNode effective = JsonPathDataFlow.inputPath(state.paths(), visit.input(), context);
    String next = next(state, new Bindings(effective, context));
    return new StateOutcome(JsonPathDataFlow.outputPath(state.paths(), effective, context), next);
  }

  /** A JSONata Pass or Succeed state's output: its {@code Output}, by default its input. */
  private static JsonNode jsonataOutput(
      StateDefinition.JsonataFields fields, StateVisit visit, ObjectNode context) {
    return JsonataDataFlow.output(
        fields.output(),
        "Output",
        new JsonataTemplate.States(visit.input(), context, null, null),
        visit.input());
  }

  /** The first matching rule's {@code Next}, else {@code Default}; no match is an error. */
  private static String next(StateDefinition.ChoiceState state, Bindings bindings) {
    StateDefinition.ChoiceBranch chosen = chosen(state, bindings);
    return chosen != null ? chosen.next() : defaultNext(state);
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
