package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a state passes on.
 *
 * @param output the state's output
 * @param next the next state in the same graph, or null when the graph ends here
 * @param assigned the variables its {@code Assign} fields set, for the engine to store after it
 */
record StateOutcome(JsonNode output, @Nullable String next, Map<String, JsonNode> assigned) {
  StateOutcome {
    assigned = Map.copyOf(assigned);
  }

  /** An outcome that assigns nothing. */
  StateOutcome(JsonNode output, @Nullable String next) {
    this(output, next, Map.of());
  }
}
