package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSONata functions Step Functions adds, against "JSONata functions provided by Step Functions"
 * in https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html; the digests were
 * computed with coreutils ({@code printf 'input data' | sha256sum} and so on).
 */
class JsonataFunctionsTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> results() {
    return Stream.of(
        // $partition: the page's examples, and a last chunk smaller than the size.
        Arguments.of("$partition([1,2,3,4], 2)", "[[1,2],[3,4]]"),
        Arguments.of("$partition([1,2,3,4,5,6,7,8,9], 3)", "[[1,2,3],[4,5,6],[7,8,9]]"),
        Arguments.of("$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]"),
        Arguments.of("$partition($states.input.items, 4)", "[[\"a\",\"b\",\"c\"]]"),
        Arguments.of("$partition([], 2)", "[]"),
        // $range: inclusive end, as States.ArrayRange; a negative step counts down.
        Arguments.of("$range(0, 10, 2)", "[0,2,4,6,8,10]"),
        Arguments.of("$range(1, 9, 3)", "[1,4,7]"),
        Arguments.of("$range(5, 1, -2)", "[5,3,1]"),
        Arguments.of("$range(3, 1, 1)", "[]"),
        // $hash: hex digests of the UTF-8 bytes.
        Arguments.of("$hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\""),
        Arguments.of(
            "$hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\""),
        Arguments.of(
            "$hash('input data', 'SHA-256')",
            "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\""),
        Arguments.of(
            "$hash('input data', 'SHA-384')",
            "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b"
                + "87525bdc835ebb27e1fb9e9374a15562\""),
        Arguments.of(
            "$hash('input data', 'SHA-512')",
            "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
                + "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\""),
        Arguments.of(
            "$hash('', 'SHA-256')",
            "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""),
        Arguments.of("$hash('h\u00e9llo', 'MD5')", "\"be50e8478cf24ff3595bc7307fb91b50\""),
        // $parse: JSON text to a value, what $eval would have been used for.
        Arguments.of(
            "$parse('{\"a\": [1, true, null], \"b\": \"x\"}')",
            "{\"a\":[1,true,null],\"b\":\"x\"}"),
        Arguments.of("$parse('42')", "42"),
        // JSON null inside a result stays (the evaluator hands it back as Java null).
        Arguments.of("[null, {'a': null}]", "[null,{\"a\":null}]"),
        Arguments.of("$parse($states.input.text).n", "7"),
        // The same seed gives the same number.
        Arguments.of("$random(42) = $random(42)", "true"),
        Arguments.of("$random(7) >= 0 and $random(7) < 1", "true"),
        // "Built-in JSONata functions that require integer values as parameters will
        // automatically round down any non-integer numbers provided."
        Arguments.of("$partition([1,2,3,4], 2.9)", "[[1,2],[3,4]]"),
        Arguments.of("$range(0.5, 4.9, 2.2)", "[0,2,4]"),
        Arguments.of("$range(-1.5, 1, 1)", "[-2,-1,0,1]"),
        Arguments.of("$random(7.9) = $random(7)", "true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void theFunctionsGiveTheDocumentedResults(String expression, String expected) throws Exception {
    assertThat(evaluate(expression)).isEqualTo(JSON.readTree(expected));
  }

  static Stream<String> failures() {
    return Stream.of(
        "$partition('abc', 2)",
        "$partition([1,2], 0)",
        // A chunk size or step that rounds down to 0.
        "$partition([1,2], 0.5)",
        "$range(0, 10, 0.5)",
        "$partition([1,2])",
        "$range(0, 10, 0)",
        "$range(0, 1000, 1)",
        "$range(0, 'a', 1)",
        "$hash('x', 'SHA-224')",
        "$hash('x', 'sha-256')",
        "$hash(1, 'MD5')",
        "$random('seed')",
        "$random(1, 2)",
        "$uuid(1)",
        "$parse('{not json')",
        "$parse('')",
        "$parse(1)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aMisuseIsAQueryEvaluationError(String expression) {
    assertThatThrownBy(() -> evaluate(expression))
        .isInstanceOfSatisfying(
            StateFailure.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
              assertThat(e.failureCause()).contains("Output");
            });
  }

  @Test
  void randomIsFromZeroToOneAndUuidIsVersionFour() throws Exception {
    for (int i = 0; i < 50; i++) {
      double random = evaluate("$random()").asDouble();
      assertThat(random).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
    assertThat(evaluate("$uuid()").asString())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(evaluate("$uuid()")).isNotEqualTo(evaluate("$uuid()"));
    assertThat(evaluate("$random(1)")).isNotEqualTo(evaluate("$random(2)"));
  }

  @Test
  void evalStaysUnavailable() {
    List<String> problems = new ArrayList<>();
    JsonataTemplate.compile(
        JSON.getNodeFactory().stringNode("{% $eval('1') %}"),
        "Output",
        List.of("input", "context"),
        (field, message) -> problems.add(field + ": " + message));
    assertThat(problems).singleElement().asString().startsWith("Output: $eval");
  }

  private static JsonNode evaluate(String expression) throws Exception {
    List<String> problems = new ArrayList<>();
    JsonataTemplate template =
        JsonataTemplate.compile(
            JSON.getNodeFactory().stringNode("{% " + expression + " %}"),
            "Output",
            List.of("input", "context"),
            (field, message) -> problems.add(field + ": " + message));
    assertThat(problems).isEmpty();
    JsonNode input =
        JSON.readTree("{\"items\": [\"a\", \"b\", \"c\"], \"text\": \"{\\\"n\\\": 7}\"}");
    return template.evaluate(
        new JsonataTemplate.States(
            input, JSON.createObjectNode(), null, null, VariableScope.root()),
        "Output");
  }
}
