package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The value types a Choice rule can test for ({@code IsNull}, {@code IsNumeric}, ...). */
enum ValueType {
  NULL("IsNull", JsonNode::isNull),
  NUMERIC("IsNumeric", JsonNode::isNumber),
  STRING("IsString", JsonNode::isString),
  BOOLEAN("IsBoolean", JsonNode::isBoolean),
  TIMESTAMP("IsTimestamp", value -> value.isString() && timestamp(value.stringValue()) != null);

  private final String operator;
  private final Predicate<JsonNode> test;

  ValueType(String operator, Predicate<JsonNode> test) {
    this.operator = operator;
    this.test = test;
  }

  /** The type an {@code Is...} operator tests for, or null for any other field. */
  static @Nullable ValueType forOperator(String operator) {
    for (ValueType type : values()) {
      if (type.operator.equals(operator)) {
        return type;
      }
    }
    return null;
  }

  boolean test(JsonNode value) {
    return test.test(value);
  }

  /**
   * The instant a Choice timestamp names, or null when it is none. AWS requires RFC 3339: an
   * uppercase {@code T} and a zone ({@code Z} or an offset).
   */
  static @Nullable OffsetDateTime timestamp(String text) {
    if (text.indexOf('T') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
