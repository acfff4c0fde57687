package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;

/**
 * One reason a definition cannot run locally, found before anything runs.
 *
 * @param state the state it concerns, or null for a top-level field
 * @param field the field, with its position inside the state ({@code Retry[0].MaxAttempts})
 * @param message what is wrong with it
 */
record DefinitionProblem(@Nullable String state, String field, String message) {

  /** The problem as {@link io.github.py2sfn.tasktools.localrunner.DefinitionException} lists it. */
  String describe() {
    return (state == null ? "" : "State '" + state + "', ") + "field " + field + ": " + message;
  }

  /** Receives the problems of one state from the code that compiles part of it. */
  @FunctionalInterface
  interface Reporter {
    void report(String field, String message);
  }
}
