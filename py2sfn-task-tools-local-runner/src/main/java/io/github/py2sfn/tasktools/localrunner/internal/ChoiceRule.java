package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A compiled Choice rule: a test of one variable ({@link Comparison}, {@link TypeTest}, {@link
 * IsPresent}), or {@code And}/{@code Or}/{@code Not} of rules.
 */
sealed interface ChoiceRule {

  /** Whether the rule holds for the state's effective input and context object. */
  boolean matches(Bindings bindings);

  /** {@code And}: every rule holds. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(Bindings bindings) {
      return rules.stream().allMatch(rule -> rule.matches(bindings));
    }
  }

  /** {@code Or}: some rule holds. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(Bindings bindings) {
      return rules.stream().anyMatch(rule -> rule.matches(bindings));
    }
  }

  /**
   * {@code Condition} of a JSONata Choice rule: an expression that must yield a boolean.
   *
   * @param field the rule's position ({@code Choices[0].Condition})
   */
  record Condition(JsonataTemplate condition, String field) implements ChoiceRule {
    @Override
    public boolean matches(Bindings bindings) {
      JsonNode value =
          condition.evaluate(
              new JsonataTemplate.States(
                  bindings.input(), bindings.context(), null, null, bindings.variables()),
              field);
      if (!value.isBoolean()) {
        throw new StateFailure(
            JsonataTemplate.QUERY_EVALUATION_ERROR,
            "The Condition of " + field + " returned " + value.getNodeType() + ", not a boolean");
      }
      return value.booleanValue();
    }
  }

  /** {@code Not}. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean matches(Bindings bindings) {
      return !rule.matches(bindings);
    }
  }

  /** {@code IsPresent}: the variable's path matches something (or, when false, nothing). */
  record IsPresent(JsonPathExpression variable, boolean expected) implements ChoiceRule {
    @Override
    public boolean matches(Bindings bindings) {
      return variable.isPresent(bindings) == expected;
    }
  }

  /**
   * {@code IsNull}, {@code IsNumeric}, ...: the variable's type is (or, when false, is not) the
   * tested one. The variable must exist.
   *
   * @param field the rule's position, for the runtime error of a missing variable
   */
  record TypeTest(JsonPathExpression variable, ValueType type, boolean expected, String field)
      implements ChoiceRule {
    @Override
    public boolean matches(Bindings bindings) {
      return type.test(variable.read(bindings, field + ".Variable")) == expected;
    }
  }

  /**
   * A comparison with a literal ({@code NumericEquals}) or another path ({@code
   * NumericEqualsPath}). Values of the wrong type never match, as on AWS.
   *
   * @param literal the value compared with, when the operator has no {@code Path} suffix
   * @param operandPath the path of the value compared with, for a {@code Path} operator
   * @param field the rule's position, for the runtime errors of missing paths
   */
  record Comparison(
      JsonPathExpression variable,
      ComparisonOperator operator,
      @Nullable JsonNode literal,
      @Nullable JsonPathExpression operandPath,
      String field)
      implements ChoiceRule {
    @Override
    public boolean matches(Bindings bindings) {
      JsonNode value = variable.read(bindings, field + ".Variable");
      JsonNode expected =
          operandPath == null
              ? literal
              : operandPath.read(bindings, field + "." + operator.fieldName() + "Path");
      return operator.test(value, expected);
    }
  }

  /**
   * Compiles a rule.
   *
   * @param field the rule's position, such as {@code Choices[0].And[1]}
   * @param problems receives the problems (the caller names the state)
   * @return the rule, or null after reporting why it has none
   */
  static @Nullable ChoiceRule compile(
      JsonNode rule,
      String field,
      Configuration configuration,
      DefinitionProblem.Reporter problems) {
    return compile(rule, field, false, configuration, problems);
  }

  /**
   * Compiles a rule at any depth.
   *
   * @param nested whether the rule is inside {@code And}, {@code Or} or {@code Not}, where it has
   *     no {@code Next}
   */
  private static @Nullable ChoiceRule compile(
      JsonNode rule,
      String field,
      boolean nested,
      Configuration configuration,
      DefinitionProblem.Reporter problems) {
    if (!rule.isObject()) {
      problems.report(field, "must be an object");
      return null;
    }
    // Choice state: the rules of And and Or "must not themselves contain Next fields", nor the
    // rule of Not; "the Next field can appear only in a top-level Choice Rule".
    if (nested && rule.has("Next")) {
      problems.report(
          field + ".Next", "only a top-level Choice rule has Next, not one in And, Or or Not");
      return null;
    }
    for (String logical : List.of("And", "Or")) {
      if (rule.has(logical)) {
        JsonNode operands = rule.get(logical);
        if (!operands.isArray() || operands.isEmpty()) {
          problems.report(field + "." + logical, "must be a non-empty array of rules");
          return null;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode operand : operands.values()) {
          ChoiceRule compiled =
              compile(
                  operand, field + "." + logical + "[" + i++ + "]", true, configuration, problems);
          if (compiled != null) {
            rules.add(compiled);
          }
        }
        return logical.equals("And") ? new And(rules) : new Or(rules);
      }
    }
    if (rule.has("Not")) {
      ChoiceRule inner = compile(rule.get("Not"), field + ".Not", true, configuration, problems);
      return inner == null ? null : new Not(inner);
    }
    return variableTest(rule, field, configuration, problems);
  }

  private static @Nullable ChoiceRule variableTest(
      JsonNode rule,
      String field,
      Configuration configuration,
      DefinitionProblem.Reporter problems) {
    JsonNode variableNode = rule.get("Variable");
    if (variableNode == null || !variableNode.isString()) {
      problems.report(field + ".Variable", "missing (a rule needs Variable, And, Or or Not)");
      return null;
    }
    // Choice state: "The value of Variable and Path fields in a comparison must be valid reference
    // paths."
    JsonPathExpression variable;
    try {
      variable = JsonPathExpression.compileReferencePath(variableNode.stringValue(), configuration);
    } catch (IllegalArgumentException e) {
      problems.report(field + ".Variable", e.getMessage());
      return null;
    }
    String operator = null;
    for (Map.Entry<String, JsonNode> entry : rule.properties()) {
      String key = entry.getKey();
      if (!key.equals("Variable") && !key.equals("Next") && !key.equals("Comment")) {
        if (operator != null) {
          problems.report(
              field + "." + key,
              "a rule has exactly one comparison operator (also " + operator + ")");
          return null;
        }
        operator = key;
      }
    }
    if (operator == null) {
      problems.report(field, "no comparison operator");
      return null;
    }
    JsonNode operand = rule.get(operator);
    String operatorField = field + "." + operator;
    if (operator.equals("IsPresent") || ValueType.forOperator(operator) != null) {
      if (!operand.isBoolean()) {
        problems.report(operatorField, "must be true or false");
        return null;
      }
      return operator.equals("IsPresent")
          ? new IsPresent(variable, operand.booleanValue())
          : new TypeTest(variable, ValueType.forOperator(operator), operand.booleanValue(), field);
    }
    boolean pathForm = operator.endsWith("Path");
    ComparisonOperator comparison =
        ComparisonOperator.forFieldName(
            pathForm ? operator.substring(0, operator.length() - 4) : operator);
    if (comparison == null || (pathForm && !comparison.hasPathForm())) {
      problems.report(operatorField, "unknown comparison operator");
      return null;
    }
    if (pathForm) {
      try {
        JsonPathExpression operandPath =
            JsonPathExpression.compileReferencePath(operand.asString(), configuration);
        return new Comparison(variable, comparison, null, operandPath, field);
      } catch (IllegalArgumentException e) {
        problems.report(operatorField, e.getMessage());
        return null;
      }
    }
    if (!comparison.operands().accepts(operand)) {
      problems.report(operatorField, "the value has the wrong type for this operator");
      return null;
    }
    return new Comparison(variable, comparison, operand, null, field);
  }
}
