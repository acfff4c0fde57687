package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates {@code Assign} fields. As "Passing data between states with variables" (Evaluation
 * order of Assign and Output) documents, every expression of a state reads the variables as they
 * were when the state was entered: the values are only stored, all together, once the state is done
 * ({@link StateOutcome#assigned()}, stored by the engine).
 */
final class Assignments {

  private Assignments() {}

  /**
   * The values of a JSONPath {@code Assign}.
   *
   * @param dollar what {@code $} is ("Using variables in JSONPath states"): a Pass state's result
   *     ({@code Result}, else its input after {@code InputPath} and {@code Parameters}), the
   *     effective input (after {@code InputPath}) of a Choice or Wait state, the raw result of a
   *     Task, Map or Parallel state (before {@code ResultSelector}), a catcher's error output
   */
  static Map<String, JsonNode> jsonPath(
      StateDefinition.@Nullable Assign assign,
      JsonNode dollar,
      JsonNode context,
      VariableScope variables) {
    if (assign == null) {
      return Map.of();
    }
    return values(assign.jsonPath().evaluate(new Bindings(dollar, context, variables)));
  }

  /** The values of a JSONata {@code Assign}, with {@code $states} as the field may use it. */
  static Map<String, JsonNode> jsonata(
      StateDefinition.@Nullable Assign assign, JsonataTemplate.States states) {
    if (assign == null) {
      return Map.of();
    }
    return values(assign.jsonata().evaluate(states, assign.field()));
  }

  /** Two sets of assignments of one state, the later winning for a name in both. */
  static Map<String, JsonNode> merge(Map<String, JsonNode> first, Map<String, JsonNode> second) {
    if (first.isEmpty()) {
      return second;
    }
    Map<String, JsonNode> all = new LinkedHashMap<>(first);
    all.putAll(second);
    return all;
  }

  private static Map<String, JsonNode> values(JsonNode object) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    return values;
  }
}
