package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.Instant;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Choice comparison operators: what each compares and which order it accepts. Every operator
 * but {@code StringMatches} also has a {@code Path} form, comparing with another value of the
 * input.
 */
enum ComparisonOperator {
  STRING_EQUALS("StringEquals", Operands.STRING, c -> c == 0),
  STRING_LESS_THAN("StringLessThan", Operands.STRING, c -> c < 0),
  STRING_GREATER_THAN("StringGreaterThan", Operands.STRING, c -> c > 0),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Operands.STRING, c -> c <= 0),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Operands.STRING, c -> c >= 0),
  /** A wildcard pattern; the only operator without a Path form. */
  STRING_MATCHES("StringMatches", Operands.STRING, null),
  NUMERIC_EQUALS("NumericEquals", Operands.NUMERIC, c -> c == 0),
  NUMERIC_LESS_THAN("NumericLessThan", Operands.NUMERIC, c -> c < 0),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Operands.NUMERIC, c -> c > 0),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Operands.NUMERIC, c -> c <= 0),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Operands.NUMERIC, c -> c >= 0),
  BOOLEAN_EQUALS("BooleanEquals", Operands.BOOLEAN, c -> c == 0),
  TIMESTAMP_EQUALS("TimestampEquals", Operands.TIMESTAMP, c -> c == 0),
  TIMESTAMP_LESS_THAN("TimestampLessThan", Operands.TIMESTAMP, c -> c < 0),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Operands.TIMESTAMP, c -> c > 0),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Operands.TIMESTAMP, c -> c <= 0),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Operands.TIMESTAMP, c -> c >= 0);

  /** What an operator compares, and how two such values order. */
  enum Operands {
    STRING(JsonNode::isString),
    NUMERIC(JsonNode::isNumber),
    BOOLEAN(JsonNode::isBoolean),
    /** Strings, compared as the instants they name. */
    TIMESTAMP(JsonNode::isString);

    private final Predicate<JsonNode> literalType;

    Operands(Predicate<JsonNode> literalType) {
      this.literalType = literalType;
    }

    /** Whether a literal operand in the definition has the right JSON type. */
    boolean accepts(JsonNode literal) {
      return literalType.test(literal);
    }

    /** The order of two values, or null when either is not of this kind. */
    @Nullable Integer compare(JsonNode value, JsonNode expected) {
      if (!literalType.test(value) || !literalType.test(expected)) {
        return null;
      }
      return switch (this) {
        case STRING -> value.stringValue().compareTo(expected.stringValue());
        case NUMERIC -> value.decimalValue().compareTo(expected.decimalValue());
        case BOOLEAN -> Boolean.compare(value.booleanValue(), expected.booleanValue());
        case TIMESTAMP -> {
          Instant left = Timestamps.parse(value.stringValue());
          Instant right = Timestamps.parse(expected.stringValue());
          yield left == null || right == null ? null : left.compareTo(right);
        }
      };
    }
  }

  private final String fieldName;
  private final Operands operands;
  private final @Nullable IntPredicate order;

  ComparisonOperator(String fieldName, Operands operands, @Nullable IntPredicate order) {
    this.fieldName = fieldName;
    this.operands = operands;
    this.order = order;
  }

  /** The operator of that name in a rule (without the {@code Path} suffix), or null. */
  static @Nullable ComparisonOperator forFieldName(String name) {
    for (ComparisonOperator operator : values()) {
      if (operator.fieldName.equals(name)) {
        return operator;
      }
    }
    return null;
  }

  /** The operator's name in a rule, without the {@code Path} suffix. */
  String fieldName() {
    return fieldName;
  }

  Operands operands() {
    return operands;
  }

  boolean hasPathForm() {
    return this != STRING_MATCHES;
  }

  /** Whether {@code value} (the Variable's) compares to {@code expected} as this operator asks. */
  boolean test(JsonNode value, JsonNode expected) {
    if (order == null) {
      return value.isString()
          && expected.isString()
          && wildcard(expected.stringValue(), value.stringValue());
    }
    Integer comparison = operands.compare(value, expected);
    return comparison != null && order.test(comparison);
  }

  /** {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
  static boolean wildcard(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches("(?s)" + regex);
  }
}
