package io.github.py2sfn.tasktools.test.runner.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a state passes on.
 *
 * @param output the state's output
 * @param next the next state in the same graph, or null when the graph ends here
 */
record StateOutcome(JsonNode output, @Nullable String next) {}
