package io.github.py2sfn.tasktools.test.runner.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The workflow variables visible to the states of one {@link StateGraph} run: its own, then those
 * of the scopes it is nested in (a Map iteration or Parallel branch reads its parent's). The engine
 * opens one per execution and one per iteration and branch; until {@code Assign} is supported (the
 * parser still rejects it) every scope stays empty.
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
}
