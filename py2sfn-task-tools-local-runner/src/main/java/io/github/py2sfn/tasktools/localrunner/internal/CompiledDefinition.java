package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;

/**
 * A validated definition, ready to run any number of times.
 *
 * @param states the top-level states
 * @param timeoutSeconds the execution's {@code TimeoutSeconds}, or null
 */
record CompiledDefinition(StateGraph states, @Nullable Double timeoutSeconds) {}
