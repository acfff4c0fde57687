package io.github.py2sfn.tasktools.test.runner.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The workflow variables visible to the states of one {@link StateGraph} run: its own, then those
 * of the scopes it is nested in (a Map iteration or Parallel branch reads its parent's). The engine
 * opens one per execution and one per iteration and branch; a state's {@code Assign} writes the
 * scope of the graph the state is in, after the state (a catcher's too, so a Map or Parallel
 * catcher writes the scope around the Map or Parallel state).
 */
final class VariableScope {

  private final @Nullable VariableScope parent;
  private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

  private VariableScope(@Nullable VariableScope parent) {
    this.parent = parent;
  }

  /** The scope of a whole execution. */
  static VariableScope root() {
    return new VariableScope(null);
  }

  /** A scope nested in this one, for one Map iteration or Parallel branch. */
  VariableScope child() {
    return new VariableScope(this);
  }

  /** The value of a variable here or in an enclosing scope. */
  Optional<JsonNode> lookup(String name) {
    for (VariableScope scope = this; scope != null; scope = scope.parent) {
      JsonNode value = scope.values.get(name);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** Stores a state's assignments, all at once, after the state. */
  void assign(Map<String, JsonNode> assignments) {
    values.putAll(assignments);
  }

  /** Every variable visible here, an inner value hiding an outer one of the same name. */
  Map<String, JsonNode> visible() {
    Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
    all.putAll(values);
    return all;
  }
}
