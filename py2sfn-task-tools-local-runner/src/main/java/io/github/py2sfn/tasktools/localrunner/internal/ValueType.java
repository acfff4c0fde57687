package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The value types a Choice rule can test for ({@code IsNull}, {@code IsNumeric}, ...). */
enum ValueType {
  NULL("IsNull", JsonNode::isNull),
  NUMERIC("IsNumeric", JsonNode::isNumber),
  STRING("IsString", JsonNode::isString),
  BOOLEAN("IsBoolean", JsonNode::isBoolean),
  TIMESTAMP(
      "IsTimestamp", value -> value.isString() && Timestamps.parse(value.stringValue()) != null);

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
}
