package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  // What every live scope of the execution stores, shared by the root and its children.
  private final AtomicLong executionBytes;

  private VariableScope(@Nullable VariableScope parent, AtomicLong executionBytes) {
    this.parent = parent;
    this.executionBytes = executionBytes;
  }

  /** The scope of a whole execution. */
  static VariableScope root() {
    return new VariableScope(null, new AtomicLong());
  }

  /** A scope nested in this one, for one Map iteration or Parallel branch. */
  VariableScope child() {
    return new VariableScope(this, executionBytes);
  }

  /** Ends a child scope: its variables no longer count toward the execution's. */
  void close() {
    sizes.values().forEach(size -> executionBytes.addAndGet(-size));
    sizes.clear();
    values.clear();
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

  /**
   * Stores a state's assignments, all at once, after the state.
   *
   * @throws StateFailure {@code States.DataLimitExceeded} when a value, the assignments together or
   *     the execution's variables would exceed their quota (nothing is stored then)
   */
  void assign(Map<String, JsonNode> assignments) {
    if (assignments.isEmpty()) {
      return;
    }
    Map<String, Long> newSizes = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, JsonNode> entry : assignments.entrySet()) {
      long size = DataLimits.utf8Bytes(entry.getValue());
      if (size > DataLimits.MAX_VARIABLE_BYTES) {
        throw limit(
            "the value of variable '"
                + entry.getKey()
                + "' is "
                + size
                + " bytes, more than the "
                + DataLimits.MAX_VARIABLE_BYTES
                + " a variable may hold");
      }
      newSizes.put(entry.getKey(), size);
      total += size;
    }
    if (total > DataLimits.MAX_ASSIGN_BYTES) {
      throw limit(
          "the state assigns "
              + total
              + " bytes, more than the "
              + DataLimits.MAX_ASSIGN_BYTES
              + " one state may assign");
    }
    synchronized (executionBytes) {
      long delta = 0;
      for (Map.Entry<String, Long> entry : newSizes.entrySet()) {
        delta += entry.getValue() - sizes.getOrDefault(entry.getKey(), 0L);
      }
      if (executionBytes.get() + delta > DataLimits.MAX_EXECUTION_VARIABLE_BYTES) {
        throw limit(
            "the execution's variables would take "
                + (executionBytes.get() + delta)
                + " bytes, more than the "
                + DataLimits.MAX_EXECUTION_VARIABLE_BYTES
                + " an execution may store");
      }
      executionBytes.addAndGet(delta);
      sizes.putAll(newSizes);
      values.putAll(assignments);
    }
  }

  private static StateFailure limit(String cause) {
    return DataLimits.exceeded("Workflow variables: " + cause);
  }

  /** Every variable visible here, an inner value hiding an outer one of the same name. */
  Map<String, JsonNode> visible() {
    Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
    all.putAll(values);
    return all;
  }
}
