package io.github.py2sfn.tasktools.test.runner.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One validated state of a definition: the fields of every state type, those not used by {@link
 * #type()} left null. Built by {@link DefinitionParser} only.
 */
final class StateDefinition {

  /** The ASL state types the runner executes. */
  enum Type {
    PASS,
    TASK,
    CHOICE,
    WAIT,
    SUCCEED,
    FAIL,
    MAP,
    PARALLEL
  }

  /** States a path field may be in: absent (the default {@code $}), {@code null}, or a path. */
  record Selection(boolean discard, @Nullable JsonPathExpression path) {
    static final Selection DEFAULT = new Selection(false, null);
    static final Selection DISCARD = new Selection(true, null);
  }

  /**
   * A {@code ResultPath}: absent ({@code $}), {@code null} (keep the input), or a reference path.
   */
  record ResultPlacement(boolean discard, @Nullable ReferencePath path) {
    static final ResultPlacement DEFAULT = new ResultPlacement(false, null);
    static final ResultPlacement DISCARD = new ResultPlacement(true, null);
  }

  /** A compiled {@code Retry} entry. */
  record Retrier(
      List<String> errorEquals,
      double intervalSeconds,
      int maxAttempts,
      double backoffRate,
      @Nullable Double maxDelaySeconds,
      boolean fullJitter) {}

  /** A compiled {@code Catch} entry. */
  record Catcher(List<String> errorEquals, ResultPlacement resultPath, String next) {}

  /** A compiled Choice rule with its target. */
  record Choice(ChoiceRule rule, String next) {}

  /**
   * A task's target: a static function name, or for {@code lambda:invoke} possibly one from the
   * Parameters.
   */
  record TaskTarget(String resource, @Nullable String functionName, boolean lambdaInvoke) {}

  /**
   * A list of states with its start ({@code States} of the machine, a branch or an item processor).
   */
  record Scope(String startAt, Map<String, StateDefinition> states) {}

  String name;
  Type type;
  @Nullable String next;
  Selection inputPath = Selection.DEFAULT;
  Selection outputPath = Selection.DEFAULT;
  ResultPlacement resultPath = ResultPlacement.DEFAULT;
  @Nullable PayloadTemplate parameters;
  @Nullable PayloadTemplate resultSelector;
  List<Retrier> retriers = List.of();
  List<Catcher> catchers = List.of();

  // Pass
  @Nullable JsonNode result;
  // Task
  @Nullable TaskTarget target;
  @Nullable Double timeoutSeconds;
  @Nullable JsonPathExpression timeoutSecondsPath;
  // Choice
  List<Choice> choices = List.of();
  @Nullable String defaultNext;
  // Wait
  @Nullable Double seconds;
  @Nullable JsonPathExpression secondsPath;
  @Nullable String timestamp;
  @Nullable JsonPathExpression timestampPath;
  // Fail
  @Nullable String error;
  @Nullable String cause;
  @Nullable JsonPathExpression errorPath;
  @Nullable JsonPathExpression causePath;
  // Map
  @Nullable JsonPathExpression itemsPath;
  @Nullable PayloadTemplate itemSelector;
  @Nullable Scope itemProcessor;
  int maxConcurrency;
  @Nullable JsonPathExpression maxConcurrencyPath;
  // Parallel
  List<Scope> branches = List.of();

  StateDefinition(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  String name() {
    return name;
  }

  Type type() {
    return type;
  }

  /** The AWS spelling of the type, as in the definition. */
  String typeName() {
    String lower = type.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
