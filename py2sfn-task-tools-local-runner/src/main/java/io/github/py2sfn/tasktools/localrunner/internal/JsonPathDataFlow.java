package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How a JSONPath state's data flows: {@code InputPath}, then {@code Parameters}, the state's work,
 * {@code ResultSelector}, {@code ResultPath} and {@code OutputPath}, in that order. The steps call
 * these in the order their state type uses.
 */
final class JsonPathDataFlow {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonPathDataFlow() {}

  /** {@code InputPath}: the effective input; {@code null} discards the raw input for {@code {}}. */
  static JsonNode inputPath(
      StateDefinition.Paths paths, JsonNode raw, JsonNode context, VariableScope variables) {
    return select(paths.inputPath(), raw, context, variables, "InputPath");
  }

  /** {@code Parameters}, when the state has them, applied to the effective input. */
  static JsonNode parameters(
      @Nullable PayloadTemplate parameters,
      JsonNode effective,
      JsonNode context,
      VariableScope variables) {
    return parameters == null
        ? effective
        : parameters.evaluate(new Bindings(effective, context, variables));
  }

  /** {@code ResultSelector}, when the state has one, applied to its result. */
  static JsonNode resultSelector(
      @Nullable PayloadTemplate resultSelector,
      JsonNode result,
      JsonNode context,
      VariableScope variables) {
    return resultSelector == null
        ? result
        : resultSelector.evaluate(new Bindings(result, context, variables));
  }

  /**
   * {@code ResultPath}: the result in place of the raw input ({@code $}), inside a copy of it, or
   * discarded ({@code null}).
   *
   * @param where the state and field, for a failure's cause: {@code State 'Work' field ResultPath}
   * @throws StateFailure {@code States.ResultPathMatchFailure} when the path cannot be applied to
   *     the raw input
   */
  static JsonNode resultPath(
      StateDefinition.ResultPlacement placement, JsonNode raw, JsonNode result, String where) {
    if (placement.discard()) {
      return raw;
    }
    return placement.path() == null ? result : placement.path().set(raw, result, where);
  }

  /** {@code OutputPath}: the state's output; {@code null} outputs {@code {}}. */
  static JsonNode outputPath(
      StateDefinition.Paths paths, JsonNode value, JsonNode context, VariableScope variables) {
    return select(paths.outputPath(), value, context, variables, "OutputPath");
  }

  private static JsonNode select(
      StateDefinition.Selection selection,
      JsonNode value,
      JsonNode context,
      VariableScope variables,
      String field) {
    if (selection.discard()) {
      return NODES.objectNode();
    }
    return selection.path() == null
        ? value
        : selection.path().read(new Bindings(value, context, variables), field);
  }

  /** The value of a field that must be a string ({@code ErrorPath}, {@code TimestampPath}). */
  static String requireText(JsonNode value, String stateName, String field) {
    if (!value.isString()) {
      throw StateFailure.runtime("State '" + stateName + "' field " + field + ": not a string");
    }
    return value.stringValue();
  }
}
