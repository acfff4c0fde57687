package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paths against the AWS Step Functions developer guide ("Paths", "InputPath", "Accessing the
 * Context object"): {@code $} reads the input, {@code $$} the context object, and a path follows
 * JsonPath syntax.
 */
class JsonPathExpressionTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Configuration PATHS = JacksonJsonProvider.configuration(JSON);

  /** The guide's example input for paths. */
  private static final String INPUT =
      """
      {"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true},
       "jar": [{"a": 1}, {"a": 5}, {"a": 2}, {"a": 7}, {"a": 3}],
       "dataset2": {"val1": "a", "val2": "b", "val3": "c"}, "list": [1, 2, 3, 4],
       "mixed": [1, "x", {"a": 1}, [2], null, true], "length()": 7,
       "words": [{"w": "in $ =~ length()"}, {"in": 1, "w": "y"}]}""";

  private static final String CONTEXT =
      """
      {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:sm:run-1",
                     "Name": "run-1", "Input": {"key": "value"}},
       "State": {"Name": "Test", "RetryCount": 3},
       "Map": {"Item": {"Index": 2, "Value": {"id": 7}}}}""";

  private static JsonNode read(String path) {
    return JsonPathExpression.compile(path, PATHS)
        .read(
            new Bindings(JSON.readTree(INPUT), JSON.readTree(CONTEXT), VariableScope.root()),
            "InputPath");
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // The guide's examples.
        "$.foo | 123",
        "$.bar | [\"a\", \"b\", \"c\"]",
        "$.car.cdr | true",
        "$.jar[?(@.a >= 5)] | [{\"a\": 5}, {\"a\": 7}]",
        "$.dataset2 | {\"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\"}",
        // "A path can yield a selection of values": $.a[0:2] of {"a": [1, 2, 3, 4]}.
        "$.list[0:2] | [1, 2]",
        // Dot and bracket notation.
        "$['foo'] | 123",
        "$.bar[1] | \"b\"",
        "$['car']['cdr'] | true",
        "$.bar[*] | [\"a\", \"b\", \"c\"]",
        "$.jar[*].a | [1, 5, 2, 7, 3]",
        "$.list[-1] | 4",
        // $$ reads the context object.
        "$$.Execution.Id | \"arn:aws:states:us-east-1:123456789012:execution:sm:run-1\"",
        "$$.Execution.Input | {\"key\": \"value\"}",
        "$$.State.RetryCount | 3",
        "$$.Map.Item.Index | 2",
        "$$.Map.Item.Value.id | 7",
      })
  void aPathSelectsWhatTheGuideShows(String path, String expected) {
    assertThat(read(path)).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void dollarAloneIsTheWholeInput() {
    assertThat(read("$")).isEqualTo(JSON.readTree(INPUT));
    assertThat(read("$$")).isEqualTo(JSON.readTree(CONTEXT));
  }

  @Test
  void anIndefinitePathThatMatchesNothingIsAnEmptySelection() {
    assertThat(read("$.jar[?(@.a > 100)]")).isEqualTo(JSON.readTree("[]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$.missing", "$.car.missing", "$$.Execution.Missing"})
  void aDefinitePathThatMatchesNothingFailsTheState(String path) {
    assertThatThrownBy(() -> read(path))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> assertThat(failure.failureCause()).contains(path, "InputPath"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo", "foo.bar", "", "@.a", "$.a[?(", "$..["})
  void aPathStartsWithDollarAndIsValidJsonPath(String path) {
    assertThatThrownBy(() -> JsonPathExpression.compile(path, PATHS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + path + "'");
  }

  @Test
  void isPresentTellsWhetherThePathMatches() {
    Bindings bindings =
        new Bindings(JSON.readTree(INPUT), JSON.readTree(CONTEXT), VariableScope.root());
    assertThat(JsonPathExpression.compile("$.car.cdr", PATHS).isPresent(bindings)).isTrue();
    assertThat(JsonPathExpression.compile("$.car.car", PATHS).isPresent(bindings)).isFalse();
    assertThat(JsonPathExpression.compile("$.jar[?(@.a > 6)]", PATHS).isPresent(bindings)).isTrue();
    assertThat(JsonPathExpression.compile("$.jar[?(@.a > 100)]", PATHS).isPresent(bindings))
        .isFalse();
  }

  // What the guide excludes and the runner, evaluating paths with Jayway JsonPath, accepts
  // (part 4 of the issue).

  @ParameterizedTest
  @ValueSource(strings = {"$.bar[7]", "$.bar[3]", "$.bar[-4]", "$.jar[9].a"})
  void anIndexPastTheEndOfAnArrayMatchesNothing(String path) {
    // A definite path that matches nothing fails the state, as a missing field does.
    assertThatThrownBy(() -> read(path))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> {
              assertThat(failure.error()).isEqualTo("States.Runtime");
              assertThat(failure.failureCause()).contains(path, "InputPath");
            });
  }

  @Test
  void indexesOutOfRangeAreLeftOutOfAnIndefiniteSelection() {
    assertThat(read("$.bar[0,7]")).isEqualTo(JSON.readTree("[\"a\"]"));
    assertThat(read("$.jar[1:9].a")).isEqualTo(JSON.readTree("[5, 2, 7, 3]"));
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$.bar[?(@ == 'a')] | []",
        "$.list[?(@ > 2)] | []",
        "$.list[?(@)] | []",
        "$.mixed[?(@)] | [{\"a\": 1}]",
        "$.mixed[?(@ != 'x')] | [{\"a\": 1}]",
        "$.mixed[?(@.a == 1)] | [{\"a\": 1}]",
        // A filter on an object applies to that object.
        "$.car[?(@.cdr == true)] | [{\"cdr\": true}]",
      })
  void theCurrentNodeMatchesOnlyObjects(String path, String expected) {
    // Guide, Paths: "The @ operator, matching the current node being processed in a filter, does
    // not match scalar values. It only matches objects."
    // (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html)
    assertThat(read(path)).isEqualTo(JSON.readTree(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$.jar[?(@.a =~ /5/)] | filtering by regular expression (=~) is not supported",
        "$.jar[?(@.a == $.foo)] | filtering by another value in the JSON structure ($) is not"
            + " supported",
        "$.jar[?(@.a in [1, 2])] | lexical operators such as subsetof are not supported (found"
            + " 'in')",
        "$.jar[?(@.a subsetof [1, 2])] | lexical operators such as subsetof are not supported"
            + " (found 'subsetof')",
        "$.jar[?(@.a NIN [1])] | lexical operators such as subsetof are not supported (found"
            + " 'NIN')",
        "$.jar[?(@.a size 1)] | lexical operators such as subsetof are not supported (found"
            + " 'size')",
        "$.bar.length() | functions such as length() are not supported",
        "$.list.sum() | functions such as length() are not supported",
        "$.jar[?(@.a.length() > 1)] | functions such as length() are not supported",
        "$var.items.length() | functions such as length() are not supported",
      })
  void regexReferencesLexicalOperatorsAndFunctionsAreNotSupported(String path, String why) {
    // Guide, Paths: "Functions such as length() aren't supported", "Lexical operators, which are
    // non-symbolic, such as subsetof aren't supported", "Filtering by regular expression or by
    // referencing another value in the JSON structure isn't supported".
    assertThatThrownBy(() -> JsonPathExpression.compile(path, PATHS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + path + "' is not a path Step Functions supports: " + why);
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Names and string literals are not syntax.
        "$['length()'] | 7",
        "$.words[?(@.w == 'in $ =~ length()')] | [{\"w\": \"in $ =~ length()\"}]",
        "$.words[?(@.in == 1 && (@.w != 'x'))] | [{\"in\": 1, \"w\": \"y\"}]",
      })
  void namesAndStringsMayHoldWhatTheSyntaxExcludes(String path, String expected) {
    assertThat(read(path)).isEqualTo(JSON.readTree(expected));
  }
}
