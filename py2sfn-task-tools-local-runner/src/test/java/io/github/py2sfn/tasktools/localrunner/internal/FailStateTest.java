package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.py2sfn.tasktools.localrunner.DefinitionException;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Fail states against https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html: {@code
 * ErrorPath} and {@code CausePath} are reference paths that "must select a field that contains a
 * string value", or "an intrinsic function that returns a string. These intrinsics are:
 * States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode,
 * States.Base64Decode, States.Hash, and States.UUID."
 */
class FailStateTest {

  private static final String INPUT =
      """
      {"Error": "Order.Invalid", "Cause": "no items", "code": 42,
       "errors": ["First.Error", "Second.Error"], "detail": {"items": 0},
       "encoded": "VGhlIG9yZGVyIGhhcyBubyBpdGVtcw=="}""";

  private static String definition(String failFields) {
    return "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", " + failFields + "}}}";
  }

  private static ExecutionResult run(String failFields) {
    return TestEngines.create(definition(failFields))
        .run(TestEngines.JSON.readTree(INPUT), "run-1");
  }

  private static String quoted(String text) {
    return JsonNodeFactory.instance.stringNode(text).toString();
  }

  static Stream<Arguments> documentedFields() {
    return Stream.of(
        // The guide's examples: reference paths, and States.Format.
        arguments("$.Error", "$.Cause", "Order.Invalid", "no items"),
        arguments(
            "States.Format('{}', $.Error)",
            "States.Format('This is a custom error message for {}, caused by {}.', $.Error,"
                + " $.Cause)",
            "Order.Invalid",
            "This is a custom error message for Order.Invalid, caused by no items."),
        // Each other function the page allows (the digest is coreutils' md5sum of "no items").
        arguments(
            "States.ArrayGetItem($.errors, 1)",
            "States.JsonToString($.detail)",
            "Second.Error",
            "{\"items\":0}"),
        arguments(
            "States.Format('Order.E{}', $.code)",
            "States.Base64Decode($.encoded)",
            "Order.E42",
            "The order has no items"),
        arguments(
            "States.Base64Encode($.Error)",
            "States.Hash($.Cause, 'MD5')",
            "T3JkZXIuSW52YWxpZA==",
            "7f4ad6c21563b0e5d884d49a7699dc7e"),
        // Calls nest: only the outer function is limited.
        arguments(
            "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($.Error, '.'), 1),"
                + " States.ArrayLength($.errors))",
            "$$.State.Name",
            "Invalid.2",
            "F"));
  }

  @ParameterizedTest(name = "ErrorPath {0}, CausePath {1}")
  @MethodSource("documentedFields")
  void errorPathAndCausePathGiveTheErrorAndCause(
      String errorPath, String causePath, String error, String cause) {
    ExecutionResult result =
        run("\"ErrorPath\": " + quoted(errorPath) + ", \"CausePath\": " + quoted(causePath));

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.cause()).isEqualTo(cause);
  }

  @Test
  void uuidMakesAVersion4Uuid() {
    ExecutionResult result = run("\"Error\": \"E\", \"CausePath\": \"States.UUID()\"");

    assertThat(result.cause())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "States.ArrayGetItem($.errors, 5) | States.IntrinsicFailure",
        // A value that is no string, from a path or a function.
        "$.code | States.Runtime",
        "$.detail | States.Runtime",
        "States.ArrayGetItem(States.Array(1, 2), 0) | States.Runtime",
      })
  void aFieldThatGivesNoStringFailsTheState(String errorPath, String error) {
    ExecutionResult result = run("\"ErrorPath\": " + quoted(errorPath));

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo(error);
  }

  /** A call of every function with the arguments it takes, and whether a Fail state allows it. */
  static Stream<Arguments> everyFunction() {
    return Stream.of(
        arguments("States.Format('{}', $.Error)", true),
        arguments("States.JsonToString($.detail)", true),
        arguments("States.ArrayGetItem($.errors, 0)", true),
        arguments("States.Base64Encode($.Error)", true),
        arguments("States.Base64Decode($.encoded)", true),
        arguments("States.Hash($.Error, 'SHA-256')", true),
        arguments("States.UUID()", true),
        arguments("States.StringToJson($.Error)", false),
        arguments("States.Array($.Error)", false),
        arguments("States.ArrayPartition($.errors, 1)", false),
        arguments("States.ArrayContains($.errors, $.Error)", false),
        arguments("States.ArrayRange(1, 3, 1)", false),
        arguments("States.ArrayLength($.errors)", false),
        arguments("States.ArrayUnique($.errors)", false),
        arguments("States.JsonMerge($.detail, $.detail, false)", false),
        arguments("States.MathRandom(1, 3)", false),
        arguments("States.MathAdd($.code, 1)", false),
        arguments("States.StringSplit($.Error, '.')", false));
  }

  @Test
  void theTableHoldsEveryFunction() {
    assertThat(everyFunction().map(row -> ((String) row.get()[0]).replaceAll("\\(.*", "")))
        .containsExactlyInAnyOrderElementsOf(IntrinsicFunctions.names());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyFunction")
  void onlyTheDocumentedFunctionsAreAllowed(String call, boolean allowed) {
    for (String field : new String[] {"ErrorPath", "CausePath"}) {
      String definition = definition("\"" + field + "\": " + quoted(call));
      if (allowed) {
        TestEngines.create(definition);
      } else {
        String function = call.substring(0, call.indexOf('('));
        assertThatThrownBy(() -> TestEngines.create(definition))
            .isInstanceOfSatisfying(
                DefinitionException.class,
                e ->
                    assertThat(e.problems())
                        .containsExactly(
                            "State 'F', field "
                                + field
                                + ": "
                                + function
                                + " is not an intrinsic function a Fail state allows"
                                + " (States.Format, States.JsonToString, States.ArrayGetItem,"
                                + " States.Base64Encode, States.Base64Decode, States.Hash,"
                                + " States.UUID)"));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"ErrorPath\": \"$.errors[*]\" | field ErrorPath: '$.errors[*]' is not a reference path:"
            + " it must identify a single value (no wildcards, filters, slices, unions or deep"
            + " scans)",
        "\"CausePath\": \"$..Cause\" | field CausePath: '$..Cause' is not a reference path: it must"
            + " identify a single value (no wildcards, filters, slices, unions or deep scans)",
        "\"ErrorPath\": \"Error\" | field ErrorPath: 'Error' is not a path: it must start with '$'",
        "\"ErrorPath\": 5 | field ErrorPath: must be a reference path or an intrinsic function call",
        "\"CausePath\": \"States.Nope($.x)\" | field CausePath: unknown intrinsic function"
            + " 'States.Nope'",
        "\"Error\": \"E\", \"ErrorPath\": \"$.Error\" | field ErrorPath: a Fail state has Error or"
            + " ErrorPath, not both",
      })
  void anInvalidFieldIsADefinitionErrorNamingStateAndField(String fields, String problem) {
    assertThatThrownBy(() -> TestEngines.create(definition(fields)))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> assertThat(e.problems()).containsExactly("State 'F', " + problem));
  }
}
