package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reference paths as {@code ResultPath} uses them, against the AWS Step Functions developer guide
 * ("Reference Paths", "ResultPath"): only dot and bracket notation naming one node, and the result
 * replaces the input, joins it, or replaces one of its nodes.
 */
class ReferencePathTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The guide's ResultPath examples: the input, the path and the state's output. */
  static Stream<Arguments> placements() {
    String input =
        """
        {"comment": "This is a test of the input and output of a Task state.",
         "details": "Default example", "who": "AWS Step Functions"}""";
    String result = "\"Hello, AWS Step Functions!\"";
    return Stream.of(
        // "$" replaces the entire input with the result.
        arguments("$", input, result, result),
        // "Include the result with the input".
        arguments(
            "$.taskresult",
            input,
            result,
            """
            {"comment": "This is a test of the input and output of a Task state.",
             "details": "Default example", "who": "AWS Step Functions",
             "taskresult": "Hello, AWS Step Functions!"}"""),
        // Into a child node of the input.
        arguments(
            "$.strings.lambdaresult",
            """
            {"comment": "An input comment.",
             "strings": {"string1": "foo", "string2": "bar", "string3": "baz"},
             "who": "AWS Step Functions"}""",
            result,
            """
            {"comment": "An input comment.",
             "strings": {"string1": "foo", "string2": "bar", "string3": "baz",
                         "lambdaresult": "Hello, AWS Step Functions!"},
             "who": "AWS Step Functions"}"""),
        // "Update a node in the input with the result".
        arguments(
            "$.comment",
            input,
            result,
            """
            {"comment": "Hello, AWS Step Functions!",
             "details": "Default example", "who": "AWS Step Functions"}"""),
        // A Catch's ResultPath adds the error output to the input.
        arguments(
            "$.error",
            "{\"foo\": \"bar\"}",
            "{\"Error\": \"Error here\"}",
            "{\"foo\": \"bar\", \"error\": {\"Error\": \"Error here\"}}"),
        // Bracket notation names the same nodes.
        arguments(
            "$['strings']['new']",
            "{\"strings\": {\"a\": 1}}",
            "2",
            "{\"strings\": {\"a\": 1, \"new\": 2}}"),
        arguments("$.list[1]", "{\"list\": [1, 2, 3]}", "\"two\"", "{\"list\": [1, \"two\", 3]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void theResultGoesWhereTheGuideShows(String path, String input, String result, String expected) {
    JsonNode inputNode = JSON.readTree(input);
    JsonNode output =
        ReferencePath.parse(path)
            .set(inputNode, JSON.readTree(result), "State 'T' field ResultPath");

    assertThat(output).isEqualTo(JSON.readTree(expected));
    // The state's input is not modified: it may be a previous state's output still referred to.
    assertThat(inputNode).isEqualTo(JSON.readTree(input));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // "The operators @ .. , : ? * aren't supported."
        "$..foo",
        "$.bar[*]",
        "$.*",
        "$.bar[0:2]",
        "$.bar[?(@.a)]",
        "$['a','b']",
        "$.bar[0,1]",
        // "Functions such as length() aren't supported."
        "$.bar.length()",
        // A reference path starts with $ and names the input, not the context object.
        "foo",
        "$$.Execution.Id"
      })
  void onlyDotAndBracketNotationIsAReferencePath(String path) {
    assertThatThrownBy(() -> ReferencePath.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a reference path");
  }

  /** Inputs a reference path cannot be applied to: the path, the input, and why not. */
  static Stream<Arguments> mismatches() {
    return Stream.of(
        // A field of an input that is not an object: a string, a number, an array, null.
        arguments("$.a", "\"text\"", "the input is STRING, not an object"),
        arguments("$.a", "7", "the input is NUMBER, not an object"),
        arguments("$.a", "[1, 2]", "'a' is not inside an object"),
        arguments("$.a", "null", "the input is NULL, not an object"),
        // A field below a node that holds a scalar: the scalar is not replaced.
        arguments("$.a.b", "{\"a\": 1}", "'a' holds NUMBER, not an object or array"),
        arguments("$.a.b", "{\"a\": null}", "'a' holds NULL, not an object or array"),
        // An index past the end, or of something that is not an array.
        arguments("$.list[3]", "{\"list\": [1, 2, 3]}", "index 3 is not inside an array"),
        arguments("$.obj[0]", "{\"obj\": {\"k\": 1}}", "index 0 is not inside an array"));
  }

  @ParameterizedTest(name = "{0} into {1}")
  @MethodSource("mismatches")
  void aResultPathThatCannotBeAppliedIsStatesResultPathMatchFailure(
      String path, String input, String reason) {
    // Guide, error names: States.ResultPathMatchFailure, "A state's ResultPath field cannot be
    // applied to the input the state received"
    // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
    JsonNode inputNode = JSON.readTree(input);
    assertThatThrownBy(
            () ->
                ReferencePath.parse(path)
                    .set(inputNode, JSON.readTree("1"), "State 'T' field Catch[0].ResultPath"))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> {
              assertThat(failure.error()).isEqualTo("States.ResultPathMatchFailure");
              assertThat(failure.failureCause())
                  .isEqualTo(
                      "State 'T' field Catch[0].ResultPath: unable to apply '"
                          + path
                          + "': "
                          + reason);
            });
    assertThat(inputNode).isEqualTo(JSON.readTree(input));
  }
}
