package io.github.py2sfn.tasktools.test.runner.internal;

import com.jayway.jsonpath.Configuration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A compiled Choice rule: a comparison on a variable, or {@code And}/{@code Or}/{@code Not} of
 * rules.
 */
abstract class ChoiceRule {

  private static final Set<String> TYPE_TESTS =
      Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
  private static final Set<String> COMPARISONS =
      Set.of(
          "StringEquals",
          "StringLessThan",
          "StringGreaterThan",
          "StringLessThanEquals",
          "StringGreaterThanEquals",
          "StringMatches",
          "NumericEquals",
          "NumericLessThan",
          "NumericGreaterThan",
          "NumericLessThanEquals",
          "NumericGreaterThanEquals",
          "BooleanEquals",
          "TimestampEquals",
          "TimestampLessThan",
          "TimestampGreaterThan",
          "TimestampLessThanEquals",
          "TimestampGreaterThanEquals");

  abstract boolean matches(Bindings bindings);

  /**
   * Compiles a rule.
   *
   * @param errors receives the problems (the caller names the state)
   */
  static @Nullable ChoiceRule compile(
      JsonNode rule, String field, Configuration configuration, DefinitionProblem.Reporter errors) {
    if (!rule.isObject()) {
      errors.report(field, "must be an object");
      return null;
    }
    for (String logical : List.of("And", "Or")) {
      if (rule.has(logical)) {
        JsonNode operands = rule.get(logical);
        if (!operands.isArray() || operands.isEmpty()) {
          errors.report(field + "." + logical, "must be a non-empty array of rules");
          return null;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode operand : operands.values()) {
          ChoiceRule compiled =
              compile(operand, field + "." + logical + "[" + i++ + "]", configuration, errors);
          if (compiled != null) {
            rules.add(compiled);
          }
        }
        boolean and = logical.equals("And");
        return new ChoiceRule() {
          @Override
          boolean matches(Bindings bindings) {
            return and
                ? rules.stream().allMatch(r -> r.matches(bindings))
                : rules.stream().anyMatch(r -> r.matches(bindings));
          }
        };
      }
    }
    if (rule.has("Not")) {
      ChoiceRule inner = compile(rule.get("Not"), field + ".Not", configuration, errors);
      return inner == null
          ? null
          : new ChoiceRule() {
            @Override
            boolean matches(Bindings bindings) {
              return !inner.matches(bindings);
            }
          };
    }
    return comparison(rule, field, configuration, errors);
  }

  private static @Nullable ChoiceRule comparison(
      JsonNode rule, String field, Configuration configuration, DefinitionProblem.Reporter errors) {
    JsonNode variableNode = rule.get("Variable");
    if (variableNode == null || !variableNode.isString()) {
      errors.report(field + ".Variable", "missing (a rule needs Variable, And, Or or Not)");
      return null;
    }
    JsonPathExpression variable;
    try {
      variable = JsonPathExpression.compile(variableNode.stringValue(), configuration);
    } catch (IllegalArgumentException e) {
      errors.report(field + ".Variable", e.getMessage());
      return null;
    }
    String operator = null;
    for (Map.Entry<String, JsonNode> entry : rule.properties()) {
      String key = entry.getKey();
      if (!key.equals("Variable") && !key.equals("Next") && !key.equals("Comment")) {
        if (operator != null) {
          errors.report(
              field + "." + key,
              "a rule has exactly one comparison operator (also " + operator + ")");
          return null;
        }
        operator = key;
      }
    }
    if (operator == null) {
      errors.report(field, "no comparison operator");
      return null;
    }
    String base =
        operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
    boolean isTypeTest = TYPE_TESTS.contains(operator);
    if (!isTypeTest && !COMPARISONS.contains(base)) {
      errors.report(field + "." + operator, "unknown comparison operator");
      return null;
    }
    JsonNode operand = rule.get(operator);
    JsonPathExpression operandPath = null;
    if (isTypeTest) {
      if (!operand.isBoolean()) {
        errors.report(field + "." + operator, "must be true or false");
        return null;
      }
    } else if (!base.equals(operator)) {
      if (base.equals("StringMatches")) {
        errors.report(field + "." + operator, "unknown comparison operator");
        return null;
      }
      try {
        operandPath = JsonPathExpression.compile(operand.asString(), configuration);
      } catch (IllegalArgumentException e) {
        errors.report(field + "." + operator, e.getMessage());
        return null;
      }
    } else if (!literalTypeFits(base, operand)) {
      errors.report(field + "." + operator, "the value has the wrong type for this operator");
      return null;
    }
    String op = operator;
    JsonPathExpression path = operandPath;
    return new ChoiceRule() {
      @Override
      boolean matches(Bindings bindings) {
        if (op.equals("IsPresent")) {
          return variable.isPresent(bindings) == operand.booleanValue();
        }
        JsonNode value = variable.read(bindings, field + ".Variable");
        if (isTypeTest) {
          return typeTest(op, value) == operand.booleanValue();
        }
        JsonNode expected = path == null ? operand : path.read(bindings, field + "." + op);
        return compare(base, value, expected);
      }
    };
  }

  private static boolean literalTypeFits(String base, JsonNode operand) {
    if (base.startsWith("String") || base.startsWith("Timestamp")) {
      return operand.isString();
    }
    if (base.startsWith("Numeric")) {
      return operand.isNumber();
    }
    return operand.isBoolean();
  }

  private static boolean typeTest(String operator, JsonNode value) {
    return switch (operator) {
      case "IsNull" -> value.isNull();
      case "IsNumeric" -> value.isNumber();
      case "IsString" -> value.isString();
      case "IsBoolean" -> value.isBoolean();
      case "IsTimestamp" -> value.isString() && timestamp(value.stringValue()) != null;
      default -> throw new IllegalStateException(operator);
    };
  }

  /** Values of the wrong type never match, as on AWS. */
  private static boolean compare(String base, JsonNode value, JsonNode expected) {
    if (base.equals("BooleanEquals")) {
      return value.isBoolean()
          && expected.isBoolean()
          && value.booleanValue() == expected.booleanValue();
    }
    if (base.equals("StringMatches")) {
      return value.isString()
          && expected.isString()
          && wildcard(expected.stringValue(), value.stringValue());
    }
    if (base.startsWith("Numeric")) {
      if (!value.isNumber() || !expected.isNumber()) {
        return false;
      }
      return order(base, "Numeric", value.decimalValue().compareTo(expected.decimalValue()));
    }
    if (!value.isString() || !expected.isString()) {
      return false;
    }
    if (base.startsWith("String")) {
      return order(base, "String", value.stringValue().compareTo(expected.stringValue()));
    }
    OffsetDateTime left = timestamp(value.stringValue());
    OffsetDateTime right = timestamp(expected.stringValue());
    if (left == null || right == null) {
      return false;
    }
    return order(base, "Timestamp", left.toInstant().compareTo(right.toInstant()));
  }

  private static boolean order(String base, String prefix, int comparison) {
    return switch (base.substring(prefix.length())) {
      case "Equals" -> comparison == 0;
      case "LessThan" -> comparison < 0;
      case "GreaterThan" -> comparison > 0;
      case "LessThanEquals" -> comparison <= 0;
      case "GreaterThanEquals" -> comparison >= 0;
      default -> throw new IllegalStateException(base);
    };
  }

  private static @Nullable OffsetDateTime timestamp(String text) {
    // AWS requires RFC 3339: an uppercase T and a zone (Z or an offset).
    if (text.indexOf('T') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
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
