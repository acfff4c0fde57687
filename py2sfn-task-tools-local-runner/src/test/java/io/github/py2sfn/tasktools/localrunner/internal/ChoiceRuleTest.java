package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.jayway.jsonpath.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Choice operator against the AWS Step Functions developer guide ("Choice workflow state",
 * "Choice Rules") and the Amazon States Language specification ("Choice Rules", "Timestamps"):
 * values of the wrong type never match, strings order as Java's {@code compareTo}, timestamps are
 * RFC 3339 with an uppercase T and Z, and in {@code StringMatches} only {@code *} is special.
 */
class ChoiceRuleTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Configuration PATHS = JacksonJsonProvider.configuration(JSON);
  private static final String CONTEXT = "{\"Execution\": {\"Name\": \"run-1\"}}";

  private static @Nullable ChoiceRule compile(String rule, List<String> problems) {
    return ChoiceRule.compile(
        JSON.readTree(rule),
        "Choices[0]",
        PATHS,
        (field, message) -> problems.add(field + ": " + message));
  }

  private static boolean matches(String rule, String input) {
    List<String> problems = new ArrayList<>();
    ChoiceRule compiled = compile(rule, problems);
    assertThat(problems).as("problems of %s", rule).isEmpty();
    return compiled.matches(
        new Bindings(JSON.readTree(input), JSON.readTree(CONTEXT), VariableScope.root()));
  }

  static Stream<Arguments> comparisons() {
    return Stream.of(
        // String operators order as Java's String.compareTo (UTF-16 code units).
        row("{'Variable': '$.foo', 'StringEquals': 'MyString'}", "{'foo': 'MyString'}", true),
        row("{'Variable': '$.foo', 'StringEquals': 'MyString'}", "{'foo': 'mystring'}", false),
        row(
            "{'Variable': '$.foo', 'StringGreaterThan': 'MyStringABC'}",
            "{'foo': 'MyStringABD'}",
            true),
        row(
            "{'Variable': '$.foo', 'StringGreaterThan': 'MyStringABC'}",
            "{'foo': 'MyStringABC'}",
            false),
        row("{'Variable': '$.foo', 'StringLessThan': 'b'}", "{'foo': 'a'}", true),
        row("{'Variable': '$.foo', 'StringLessThan': 'a'}", "{'foo': 'B'}", true),
        row("{'Variable': '$.foo', 'StringLessThan': 'a'}", "{'foo': 'a'}", false),
        row("{'Variable': '$.foo', 'StringLessThanEquals': 'a'}", "{'foo': 'a'}", true),
        row("{'Variable': '$.foo', 'StringLessThanEquals': 'a'}", "{'foo': 'b'}", false),
        row("{'Variable': '$.foo', 'StringGreaterThanEquals': 'a'}", "{'foo': 'a'}", true),
        row("{'Variable': '$.foo', 'StringGreaterThanEquals': 'b'}", "{'foo': 'a'}", false),
        row("{'Variable': '$.foo', 'StringEqualsPath': '$.bar'}", "{'foo': 'x', 'bar': 'x'}", true),
        row(
            "{'Variable': '$.foo', 'StringEqualsPath': '$.bar'}",
            "{'foo': 'x', 'bar': 'y'}",
            false),
        row(
            "{'Variable': '$.foo', 'StringLessThanPath': '$.bar'}",
            "{'foo': 'x', 'bar': 'y'}",
            true),
        row(
            "{'Variable': '$.foo', 'StringGreaterThanPath': '$.bar'}",
            "{'foo': 'y', 'bar': 'x'}",
            true),
        row(
            "{'Variable': '$.foo', 'StringLessThanEqualsPath': '$.bar'}",
            "{'foo': 'x', 'bar': 'x'}",
            true),
        row(
            "{'Variable': '$.foo', 'StringGreaterThanEqualsPath': '$.bar'}",
            "{'foo': 'x', 'bar': 'y'}",
            false),
        // "Step Functions doesn't attempt to match a numeric field to a string value."
        row("{'Variable': '$.foo', 'StringEquals': '1'}", "{'foo': 1}", false),
        row("{'Variable': '$.foo', 'StringEqualsPath': '$.bar'}", "{'foo': '1', 'bar': 1}", false),
        // A timestamp is logically a string, so StringEquals can match it.
        row(
            "{'Variable': '$.foo', 'StringEquals': '2016-08-18T17:33:00Z'}",
            "{'foo': '2016-08-18T17:33:00Z'}",
            true),
        // StringMatches: * matches any run of characters, \\* is a literal asterisk, nothing else
        // is
        // special.
        row(
            "{'Variable': '$.foo', 'StringMatches': 'log-*.txt'}",
            "{'foo': 'log-2020-01-01.txt'}",
            true),
        row("{'Variable': '$.foo', 'StringMatches': 'log-*.txt'}", "{'foo': 'log-.txt'}", true),
        row("{'Variable': '$.foo', 'StringMatches': 'log-*.txt'}", "{'foo': 'log-1.csv'}", false),
        row("{'Variable': '$.foo', 'StringMatches': '*'}", "{'foo': ''}", true),
        row("{'Variable': '$.foo', 'StringMatches': 'a\\\\*b'}", "{'foo': 'a*b'}", true),
        row("{'Variable': '$.foo', 'StringMatches': 'a\\\\*b'}", "{'foo': 'axb'}", false),
        row("{'Variable': '$.foo', 'StringMatches': 'a.c'}", "{'foo': 'abc'}", false),
        row("{'Variable': '$.foo', 'StringMatches': 'a?c'}", "{'foo': 'abc'}", false),
        row("{'Variable': '$.foo', 'StringMatches': '[ab]'}", "{'foo': '[ab]'}", true),
        row("{'Variable': '$.foo', 'StringMatches': '*'}", "{'foo': 1}", false),
        // Numeric operators compare numbers by value.
        row("{'Variable': '$.foo', 'NumericEquals': 1}", "{'foo': 1}", true),
        row("{'Variable': '$.foo', 'NumericEquals': 1}", "{'foo': 1.0}", true),
        row("{'Variable': '$.foo', 'NumericEquals': 1}", "{'foo': 2}", false),
        row("{'Variable': '$.foo', 'NumericEquals': 1}", "{'foo': '1'}", false),
        row("{'Variable': '$.value', 'NumericGreaterThanEquals': 20}", "{'value': 20}", true),
        row("{'Variable': '$.value', 'NumericGreaterThanEquals': 20}", "{'value': 19.99}", false),
        row("{'Variable': '$.value', 'NumericLessThan': 30}", "{'value': 22}", true),
        row("{'Variable': '$.value', 'NumericLessThan': 30}", "{'value': 30}", false),
        row("{'Variable': '$.value', 'NumericGreaterThan': 1.5}", "{'value': 2}", true),
        row("{'Variable': '$.value', 'NumericGreaterThan': 1.5}", "{'value': 1.5}", false),
        row("{'Variable': '$.value', 'NumericLessThanEquals': -1}", "{'value': -1}", true),
        row("{'Variable': '$.value', 'NumericLessThanEquals': -1}", "{'value': 0}", false),
        row("{'Variable': '$.a', 'NumericEqualsPath': '$.b'}", "{'a': 3, 'b': 3.0}", true),
        row("{'Variable': '$.a', 'NumericLessThanPath': '$.b'}", "{'a': 3, 'b': 4}", true),
        row("{'Variable': '$.a', 'NumericGreaterThanPath': '$.b'}", "{'a': 3, 'b': 4}", false),
        row("{'Variable': '$.a', 'NumericLessThanEqualsPath': '$.b'}", "{'a': 4, 'b': 4}", true),
        row("{'Variable': '$.a', 'NumericGreaterThanEqualsPath': '$.b'}", "{'a': 5, 'b': 4}", true),
        row("{'Variable': '$.a', 'NumericEqualsPath': '$.b'}", "{'a': 3, 'b': '3'}", false),
        // BooleanEquals.
        row("{'Variable': '$.b', 'BooleanEquals': true}", "{'b': true}", true),
        row("{'Variable': '$.b', 'BooleanEquals': true}", "{'b': false}", false),
        row("{'Variable': '$.b', 'BooleanEquals': false}", "{'b': 'false'}", false),
        row("{'Variable': '$.b', 'BooleanEqualsPath': '$.c'}", "{'b': false, 'c': false}", true),
        row("{'Variable': '$.b', 'BooleanEqualsPath': '$.c'}", "{'b': false, 'c': true}", false),
        // Timestamps compare as instants; RFC 3339 allows a numeric offset.
        row(
            "{'Variable': '$.foo', 'TimestampEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:00:00Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T13:00:00+01:00'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:00:00.000Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampLessThan': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T11:59:59Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampLessThan': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:30:00+01:00'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampGreaterThan': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:00:01Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampGreaterThan': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:00:00Z'}",
            false),
        row(
            "{'Variable': '$.foo', 'TimestampLessThanEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T12:00:00Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampGreaterThanEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01T11:00:00Z'}",
            false),
        row(
            "{'Variable': '$.foo', 'TimestampEqualsPath': '$.bar'}",
            "{'foo': '2001-01-01T12:00:00Z', 'bar': '2001-01-01T07:00:00-05:00'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampLessThanPath': '$.bar'}",
            "{'foo': '2001-01-01T12:00:00Z', 'bar': '2001-01-02T00:00:00Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampGreaterThanPath': '$.bar'}",
            "{'foo': '2001-01-01T12:00:00Z', 'bar': '2001-01-02T00:00:00Z'}",
            false),
        row(
            "{'Variable': '$.foo', 'TimestampLessThanEqualsPath': '$.bar'}",
            "{'foo': '2001-01-01T12:00:00Z', 'bar': '2001-01-01T12:00:00Z'}",
            true),
        row(
            "{'Variable': '$.foo', 'TimestampGreaterThanEqualsPath': '$.bar'}",
            "{'foo': '2001-01-03T12:00:00Z', 'bar': '2001-01-02T00:00:00Z'}",
            true),
        // Not a timestamp, so no timestamp comparison matches.
        row(
            "{'Variable': '$.foo', 'TimestampEquals': '2001-01-01T12:00:00Z'}",
            "{'foo': '2001-01-01 12:00:00Z'}",
            false),
        row(
            "{'Variable': '$.foo', 'TimestampLessThan': '2001-01-01T12:00:00Z'}",
            "{'foo': 'yesterday'}",
            false),
        row(
            "{'Variable': '$.foo', 'TimestampLessThan': '2001-01-01T12:00:00Z'}",
            "{'foo': 978350400}",
            false),
        // The type tests.
        row(
            "{'Variable': '$.possiblyNullValue', 'IsNull': true}",
            "{'possiblyNullValue': null}",
            true),
        row(
            "{'Variable': '$.possiblyNullValue', 'IsNull': true}",
            "{'possiblyNullValue': 'x'}",
            false),
        row(
            "{'Variable': '$.possiblyNullValue', 'IsNull': false}",
            "{'possiblyNullValue': 0}",
            true),
        row("{'Variable': '$.n', 'IsNumeric': true}", "{'n': 1.5}", true),
        row("{'Variable': '$.n', 'IsNumeric': true}", "{'n': '1.5'}", false),
        row("{'Variable': '$.s', 'IsString': true}", "{'s': ''}", true),
        row("{'Variable': '$.s', 'IsString': true}", "{'s': null}", false),
        row("{'Variable': '$.b', 'IsBoolean': true}", "{'b': false}", true),
        row("{'Variable': '$.b', 'IsBoolean': true}", "{'b': 'true'}", false),
        row("{'Variable': '$.t', 'IsTimestamp': true}", "{'t': '2016-03-14T01:59:00Z'}", true),
        row(
            "{'Variable': '$.t', 'IsTimestamp': true}",
            "{'t': '2016-03-14T01:59:00.123+05:30'}",
            true),
        row("{'Variable': '$.t', 'IsTimestamp': true}", "{'t': '2016-03-14t01:59:00Z'}", false),
        row("{'Variable': '$.t', 'IsTimestamp': true}", "{'t': '2016-03-14T01:59:00'}", false),
        row("{'Variable': '$.t', 'IsTimestamp': true}", "{'t': '2016-03-14'}", false),
        row("{'Variable': '$.t', 'IsTimestamp': false}", "{'t': 1457920740}", true),
        // IsPresent tests whether the path matches anything; a field holding null is present.
        row("{'Variable': '$.keyThatMightNotExist', 'IsPresent': true}", "{}", false),
        row(
            "{'Variable': '$.keyThatMightNotExist', 'IsPresent': true}",
            "{'keyThatMightNotExist': null}",
            true),
        row("{'Variable': '$.keyThatMightNotExist', 'IsPresent': false}", "{}", true),
        // The Variable and a Path operand may read the context object.
        row("{'Variable': '$$.Execution.Name', 'StringEquals': 'run-1'}", "{}", true),
        row(
            "{'Variable': '$.name', 'StringEqualsPath': '$$.Execution.Name'}",
            "{'name': 'run-1'}",
            true),
        // The guide's Choice state example, with input {"type": "Private", "value": 22}: only the
        // third rule matches.
        row(
            "{'Not': {'Variable': '$.type', 'StringEquals': 'Private'}, 'Next': 'Public'}",
            "{'type': 'Private', 'value': 22}",
            false),
        row(
            "{'Variable': '$.value', 'NumericEquals': 0, 'Next': 'ValueIsZero'}",
            "{'type': 'Private', 'value': 22}",
            false),
        row(
            "{'And': [{'Variable': '$.value', 'NumericGreaterThanEquals': 20}, {'Variable': '$.value', 'NumericLessThan': 30}], 'Next': 'ValueInTwenties'}",
            "{'type': 'Private', 'value': 22}",
            true),
        // Or, and nesting.
        row(
            "{'Or': [{'Variable': '$.a', 'NumericEquals': 1}, {'Variable': '$.a', 'NumericEquals': 2}]}",
            "{'a': 2}",
            true),
        row(
            "{'Or': [{'Variable': '$.a', 'NumericEquals': 1}, {'Variable': '$.a', 'NumericEquals': 2}]}",
            "{'a': 3}",
            false),
        row(
            "{'Not': {'Or': [{'Variable': '$.a', 'IsNull': true}, {'Variable': '$.a', 'IsString': true}]}}",
            "{'a': 3}",
            true),
        // StringEquals is evaluated only when IsPresent holds, so a missing key fails no rule.
        row(
            "{'And': [{'Variable': '$.keyThatMightNotExist', 'IsPresent': true}, {'Variable': '$.keyThatMightNotExist', 'StringEquals': 'foo'}]}",
            "{}",
            false),
        row(
            "{'And': [{'Variable': '$.keyThatMightNotExist', 'IsPresent': true}, {'Variable': '$.keyThatMightNotExist', 'StringEquals': 'foo'}]}",
            "{'keyThatMightNotExist': 'foo'}",
            true));
  }

  /** A table row; single quotes stand for double quotes, to keep the JSON readable. */
  private static Arguments row(String rule, String input, boolean expected) {
    return arguments(rule.replace('\'', '"'), input.replace('\'', '"'), expected);
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("comparisons")
  void aRuleMatchesAsDocumented(String rule, String input, boolean expected) {
    assertThat(matches(rule, input)).isEqualTo(expected);
  }

  @Test
  void aVariableThatIsNotInTheInputFailsTheState() {
    // Guide: "If the state input doesn't contain the $.type field, the execution fails".
    assertThatThrownBy(
            () ->
                matches("{\"Variable\": \"$.type\", \"StringEquals\": \"Buy\"}", "{\"value\": 1}"))
        .isInstanceOf(StateFailure.class);
  }

  /** Every operator the guide lists, each with a value of the type it takes. */
  static Stream<Arguments> documentedOperators() {
    return Stream.of(
            "BooleanEquals true",
            "BooleanEqualsPath '$.x'",
            "IsBoolean true",
            "IsNull true",
            "IsNumeric true",
            "IsPresent true",
            "IsString true",
            "IsTimestamp true",
            "NumericEquals 1",
            "NumericEqualsPath '$.x'",
            "NumericGreaterThan 1",
            "NumericGreaterThanPath '$.x'",
            "NumericGreaterThanEquals 1",
            "NumericGreaterThanEqualsPath '$.x'",
            "NumericLessThan 1",
            "NumericLessThanPath '$.x'",
            "NumericLessThanEquals 1",
            "NumericLessThanEqualsPath '$.x'",
            "StringEquals 'a'",
            "StringEqualsPath '$.x'",
            "StringGreaterThan 'a'",
            "StringGreaterThanPath '$.x'",
            "StringGreaterThanEquals 'a'",
            "StringGreaterThanEqualsPath '$.x'",
            "StringLessThan 'a'",
            "StringLessThanPath '$.x'",
            "StringLessThanEquals 'a'",
            "StringLessThanEqualsPath '$.x'",
            "StringMatches 'a*'",
            "TimestampEquals '2016-03-14T01:59:00Z'",
            "TimestampEqualsPath '$.x'",
            "TimestampGreaterThan '2016-03-14T01:59:00Z'",
            "TimestampGreaterThanPath '$.x'",
            "TimestampGreaterThanEquals '2016-03-14T01:59:00Z'",
            "TimestampGreaterThanEqualsPath '$.x'",
            "TimestampLessThan '2016-03-14T01:59:00Z'",
            "TimestampLessThanPath '$.x'",
            "TimestampLessThanEquals '2016-03-14T01:59:00Z'",
            "TimestampLessThanEqualsPath '$.x'")
        .map(
            operatorAndValue -> {
              int space = operatorAndValue.indexOf(' ');
              return arguments(
                  operatorAndValue.substring(0, space),
                  operatorAndValue.substring(space + 1).replace('\'', '"'));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedOperators")
  void everyDocumentedOperatorCompiles(String operator, String value) {
    List<String> problems = new ArrayList<>();
    ChoiceRule rule =
        compile("{\"Variable\": \"$.v\", \"" + operator + "\": " + value + "}", problems);
    assertThat(problems).isEmpty();
    assertThat(rule).isNotNull();
  }

  @Test
  void theOperatorTablesHoldExactlyTheDocumentedOperators() {
    List<String> names = new ArrayList<>(List.of("IsPresent"));
    for (ValueType type : ValueType.values()) {
      names.add("Is" + camel(type.name()));
    }
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      names.add(operator.fieldName());
      if (operator.hasPathForm()) {
        names.add(operator.fieldName() + "Path");
      }
    }
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            documentedOperators().map(row -> (String) row.get()[0]).toList());
  }

  private static String camel(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /** Rules the guide's rules exclude, each a definition problem of its field. */
  static Stream<Arguments> invalidRules() {
    return Stream.of(
        // "the corresponding value must be of the appropriate type"
        problem(
            "{'Variable': '$.v', 'NumericEquals': '1'}",
            "Choices[0].NumericEquals: the value has the wrong type for this operator"),
        problem(
            "{'Variable': '$.v', 'StringEquals': 1}",
            "Choices[0].StringEquals: the value has the wrong type for this operator"),
        problem(
            "{'Variable': '$.v', 'BooleanEquals': 'true'}",
            "Choices[0].BooleanEquals: the value has the wrong type for this operator"),
        problem(
            "{'Variable': '$.v', 'TimestampEquals': 1}",
            "Choices[0].TimestampEquals: the value has the wrong type for this operator"),
        problem("{'Variable': '$.v', 'IsNull': 'yes'}", "Choices[0].IsNull: must be true or false"),
        problem(
            "{'Variable': '$.v', 'IsPresent': 1}", "Choices[0].IsPresent: must be true or false"),
        // StringMatches is the one operator without a Path form.
        problem(
            "{'Variable': '$.v', 'StringMatchesPath': '$.p'}",
            "Choices[0].StringMatchesPath: unknown comparison operator"),
        problem(
            "{'Variable': '$.v', 'StringContains': 'a'}",
            "Choices[0].StringContains: unknown comparison operator"),
        problem(
            "{'Variable': '$.v', 'StringEqualsPath': 'p'}",
            "Choices[0].StringEqualsPath: 'p' is not a path: it must start with '$'"),
        // "The values of the And and Or operators must be non-empty arrays of Choice Rules"
        problem("{'And': []}", "Choices[0].And: must be a non-empty array of rules"),
        problem(
            "{'Or': {'Variable': '$.v', 'IsNull': true}}",
            "Choices[0].Or: must be a non-empty array of rules"),
        problem(
            "{'Not': [{'Variable': '$.v', 'IsNull': true}]}", "Choices[0].Not: must be an object"),
        problem("{'Variable': '$.v'}", "Choices[0]: no comparison operator"),
        problem(
            "{'Variable': '$.v', 'IsNull': true, 'IsString': true}",
            "Choices[0].IsString: a rule has exactly one comparison operator (also IsNull)"),
        problem(
            "{'StringEquals': 'a'}",
            "Choices[0].Variable: missing (a rule needs Variable, And, Or or Not)"),
        // "The value of Variable and Path fields in a comparison must be valid reference paths":
        // paths that identify a single value.
        problem(
            "{'Variable': '$.a[*]', 'IsPresent': true}", notAReferencePath("Variable", "$.a[*]")),
        problem("{'Variable': '$..x', 'IsNull': true}", notAReferencePath("Variable", "$..x")),
        problem(
            "{'Variable': '$.a[?(@.b > 1)]', 'IsPresent': true}",
            notAReferencePath("Variable", "$.a[?(@.b > 1)]")),
        problem(
            "{'Variable': '$.a[0:2]', 'IsPresent': true}",
            notAReferencePath("Variable", "$.a[0:2]")),
        problem(
            "{'Variable': '$.a[0,1]', 'IsPresent': true}",
            notAReferencePath("Variable", "$.a[0,1]")),
        problem(
            "{'Variable': '$.v', 'StringEqualsPath': '$.a[*]'}",
            notAReferencePath("StringEqualsPath", "$.a[*]")),
        problem(
            "{'Variable': '$.v', 'NumericLessThanPath': '$..n'}",
            notAReferencePath("NumericLessThanPath", "$..n")));
  }

  private static String notAReferencePath(String field, String path) {
    return "Choices[0]."
        + field
        + ": '"
        + path
        + "' is not a reference path: it must identify a single value (no wildcards, filters,"
        + " slices, unions or deep scans)";
  }

  private static Arguments problem(String rule, String expected) {
    return arguments(rule.replace('\'', '"'), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRules")
  void anInvalidRuleIsADefinitionProblemOfItsField(String rule, String expected) {
    List<String> problems = new ArrayList<>();
    assertThat(compile(rule, problems)).isNull();
    assertThat(problems).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'Not': {'Variable': '$.v', 'IsNull': true, 'Next': 'X'}, 'Next': 'Y'} | Choices[0].Not.Next",
        "{'And': [{'Variable': '$.v', 'IsNull': true}, {'Variable': '$.v', 'IsString': true,"
            + " 'Next': 'X'}], 'Next': 'Y'} | Choices[0].And[1].Next",
        "{'Or': [{'Variable': '$.v', 'IsNull': true, 'Next': 'X'}], 'Next': 'Y'} | Choices[0].Or[0].Next",
        "{'Not': {'And': [{'Not': {'Variable': '$.v', 'IsNull': true, 'Next': 'X'}}]}, 'Next': 'Y'}"
            + " | Choices[0].Not.And[0].Not.Next",
      })
  void nestedRulesHaveNoNext(String rule, String field) {
    // Guide: the rules of And and Or "must not themselves contain Next fields", nor the rule of
    // Not; "the Next field can appear only in a top-level Choice Rule"
    // (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
    List<String> problems = new ArrayList<>();
    compile(rule.replace('\'', '"'), problems);
    assertThat(problems)
        .containsExactly(
            field + ": only a top-level Choice rule has Next, not one in And, Or or Not");
  }

  @Test
  void aTimestampWithoutOffsetEndsInAnUppercaseZ() {
    // Specification, Timestamps: "an uppercase "Z" character MUST be present in the absence of a
    // numeric time zone offset".
    assertThat(
            matches(
                "{\"Variable\": \"$.t\", \"IsTimestamp\": true}",
                "{\"t\": \"2016-03-14T01:59:00z\"}"))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"$.list[5] | false", "$.list[2] | false", "$.list[-3] | false", "$.list[1] | true"})
  void anIndexPastTheEndOfAnArrayIsNotPresent(String variable, boolean present) {
    // Specification, IsPresent: "if the Variable-field Path fails to match anything in the input
    // no exception is thrown and the Choice Rule just returns false".
    assertThat(
            matches(
                "{\"Variable\": \"" + variable + "\", \"IsPresent\": true}", "{\"list\": [1, 2]}"))
        .isEqualTo(present);
  }

  @Test
  void aTimestampHasSeconds() {
    // Specification, Timestamps: RFC 3339, whose partial-time is hour ":" minute ":" second.
    assertThat(
            matches(
                "{\"Variable\": \"$.t\", \"IsTimestamp\": true}", "{\"t\": \"2016-03-14T01:59Z\"}"))
        .isFalse();
  }
}
