package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.Filter;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compiled ASL path: {@code $...} reads the state's input, {@code $$...} the context object,
 * {@code $name...} the workflow variable {@code name}.
 */
final class JsonPathExpression {

  private final String text;
  private final boolean context;
  private final @Nullable String variable;
  private final JsonPath path;
  private final Configuration configuration;

  private JsonPathExpression(
      String text,
      boolean context,
      @Nullable String variable,
      JsonPath path,
      Configuration configuration) {
    this.text = text;
    this.context = context;
    this.variable = variable;
    this.path = path;
    this.configuration = configuration;
  }

  /**
   * Compiles a path.
   *
   * @throws IllegalArgumentException when the text is not a JSONPath starting with {@code $}
   */
  static JsonPathExpression compile(String text, Configuration configuration) {
    if (!text.startsWith("$")) {
      throw new IllegalArgumentException("'" + text + "' is not a path: it must start with '$'");
    }
    boolean context = text.startsWith("$$");
    String jsonPath = context ? text.substring(1) : text;
    String variable = null;
    int length = context ? 0 : VariableNames.identifierLength(text, 1);
    if (length > 0) {
      variable = text.substring(1, 1 + length);
      jsonPath = "$" + text.substring(1 + length);
    }
    JsonPathSyntax syntax;
    try {
      syntax = JsonPathSyntax.check(jsonPath);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a path Step Functions supports: " + e.getMessage(), e);
    }
    try {
      Predicate[] filters =
          syntax.filters().stream().map(JsonPathExpression::objectsOnly).toArray(Predicate[]::new);
      return new JsonPathExpression(
          text, context, variable, JsonPath.compile(syntax.path(), filters), configuration);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid JSONPath: " + e.getMessage(), e);
    }
  }

  /**
   * A filter that applies to objects only: on the Paths page, "The @ operator, matching the current
   * node being processed in a filter, does not match scalar values. It only matches objects."
   */
  private static Predicate objectsOnly(String filter) {
    Filter parsed = Filter.parse(filter);
    return context -> context.item() instanceof ObjectNode && parsed.apply(context);
  }

  /**
   * Compiles a reference path: a path that identifies a single value, so no wildcards, filters,
   * slices, unions or deep scans (States Language specification, "Reference Paths").
   *
   * @throws IllegalArgumentException when the text is no path, or no reference path
   */
  static JsonPathExpression compileReferencePath(String text, Configuration configuration) {
    JsonPathExpression path = compile(text, configuration);
    if (!path.definite()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a reference path: it must identify a single value (no wildcards,"
              + " filters, slices, unions or deep scans)");
    }
    return path;
  }

  static boolean isPath(String text) {
    return text.startsWith("$");
  }

  String text() {
    return text;
  }

  /** The workflow variable the path reads ({@code $name.field}), or null. */
  @Nullable String variable() {
    return variable;
  }

  boolean definite() {
    return path.isDefinite();
  }

  /**
   * Reads the path; a definite path that matches nothing is a {@code States.Runtime} failure naming
   * the field.
   */
  JsonNode read(Bindings bindings, String field) {
    JsonNode document = document(bindings);
    try {
      Object value = path.read(document, configuration);
      return value == null ? NullNode.getInstance() : (JsonNode) value;
    } catch (PathNotFoundException e) {
      throw StateFailure.runtime(
          "Invalid path '"
              + text
              + "' : No results for path: "
              + e.getMessage()
              + " (field "
              + field
              + ")");
    } catch (RuntimeException e) {
      throw StateFailure.runtime(
          "Invalid path '" + text + "' for field " + field + ": " + e.getMessage());
    }
  }

  /** Whether a definite path matches something (for {@code IsPresent}). */
  boolean isPresent(Bindings bindings) {
    try {
      Object value = path.read(document(bindings), configuration);
      return path.isDefinite() || (value instanceof JsonNode node && !node.isEmpty());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private JsonNode document(Bindings bindings) {
    if (variable != null) {
      return bindings
          .variables()
          .lookup(variable)
          .orElseThrow(
              () ->
                  StateFailure.runtime(
                      "Invalid path '" + text + "': the variable '" + variable + "' has no value"));
    }
    return context ? bindings.context() : bindings.input();
  }

  @Override
  public String toString() {
    return text;
  }
}
