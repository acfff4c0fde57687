package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a JSONata state's data flows, beside {@link JsonPathDataFlow}: {@code Arguments} make the
 * task's input from {@code $states.input}; {@code Output} makes the state's output, by default the
 * result of a Task and the input of the other states (a catcher's default is the error output).
 */
final class JsonataDataFlow {

  private JsonataDataFlow() {}

  /** {@code Arguments}, or the state input when there are none. */
  static JsonNode arguments(
      StateDefinition.JsonataFields fields,
      JsonNode input,
      JsonNode context,
      VariableScope variables) {
    return fields.arguments() == null
        ? input
        : fields
            .arguments()
            .evaluate(
                new JsonataTemplate.States(input, context, null, null, variables), "Arguments");
  }

  /**
   * {@code Output} (or {@code template}, a chosen rule's or a catcher's), else {@code
   * defaultOutput}.
   */
  static JsonNode output(
      @Nullable JsonataTemplate template,
      String field,
      JsonataTemplate.States states,
      JsonNode defaultOutput) {
    return template == null ? defaultOutput : template.evaluate(states, field);
  }

  /** A field that must yield a string ({@code Error}, {@code Cause}, {@code Timestamp}). */
  static @Nullable String text(
      StateDefinition.JsonataFields fields, String field, JsonataTemplate.States states) {
    JsonataTemplate template = fields.fields().get(field);
    if (template == null) {
      return null;
    }
    JsonNode value = template.evaluate(states, field);
    if (!value.isString()) {
      throw wrongType(field, value, "a string");
    }
    return value.stringValue();
  }

  /** A field that must yield a non-negative integer ({@code Seconds}, {@code TimeoutSeconds}). */
  static @Nullable Long integer(
      StateDefinition.JsonataFields fields, String field, JsonataTemplate.States states, long min) {
    JsonataTemplate template = fields.fields().get(field);
    if (template == null) {
      return null;
    }
    JsonNode value = template.evaluate(states, field);
    if (!value.isNumber()
        || value.asDouble() != Math.rint(value.asDouble())
        || value.asDouble() < min) {
      throw wrongType(field, value, "an integer of at least " + min);
    }
    return value.asLong();
  }

  static StateFailure wrongType(String field, JsonNode value, String expected) {
    return new StateFailure(
        JsonataTemplate.QUERY_EVALUATION_ERROR,
        "The expression of field "
            + field
            + " returned "
            + value.getNodeType()
            + ", not "
            + expected);
  }
}
