package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.jayway.jsonpath.Configuration;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every intrinsic function against the AWS Step Functions developer guide ("Intrinsic functions for
 * JSONPath states") and the Amazon States Language specification ("Intrinsic Functions"): their
 * examples, arities and input validation rules. Hash digests are the standard ones (coreutils
 * {@code sha1sum} and friends of the same text).
 */
class IntrinsicFunctionsTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Configuration PATHS = JacksonJsonProvider.configuration(JSON);

  private static JsonNode evaluate(String call, String input) {
    return IntrinsicCall.parse(call, PATHS, JSON)
        .evaluate(
            new Bindings(JSON.readTree(input), JSON.createObjectNode(), VariableScope.root()),
            "Parameters.x.$");
  }

  static Stream<Arguments> documentedResults() {
    return Stream.of(
        // States.Format: each {} takes the next argument, in its natural string representation.
        arguments(
            "States.Format('Hello, my name is {}.', $.name)",
            "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}",
            "\"Hello, my name is Arnav.\""),
        arguments(
            "States.Format($.template, $.name)",
            "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}",
            "\"Hello, my name is Arnav.\""),
        arguments(
            "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
            "{\"name\": \"Foo\", \"zebra\": \"stripe\"}",
            "\"Your name is Foo, we are in the year 2020\""),
        arguments(
            "States.Format('{} {} {} {}', $.s, $.n, $.b, $.z)",
            "{\"s\": \"text\", \"n\": 1.5, \"b\": true, \"z\": null}",
            "\"text 1.5 true null\""),
        arguments("States.Format('no placeholders')", "{}", "\"no placeholders\""),
        // Reserved characters: \' is ', \{ is {, \} is } and \\ is \ (an escaped brace is no
        // placeholder).
        arguments(
            "States.Format('It\\'s \\{\\} and {} \\\\', $.v)",
            "{\"v\": \"V\"}",
            "\"It's {} and V \\\\\""),
        // States.StringToJson parses the string.
        arguments(
            "States.StringToJson($.escapedJsonString)",
            "{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}",
            "{\"foo\": \"bar\"}"),
        arguments(
            "States.StringToJson($.someString)",
            "{\"someString\": \"{\\\"number\\\": 20}\", \"zebra\": \"stripe\"}",
            "{\"number\": 20}"),
        // States.JsonToString: the JSON text of the data the path identifies.
        arguments(
            "States.JsonToString($.someJson)",
            "{\"someJson\": {\"name\": \"Foo\", \"year\": 2020}, \"zebra\": \"stripe\"}",
            "\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\""),
        // States.Array: the argument values in order; zero or more of them.
        arguments(
            "States.Array('Foo', 2020, $.someJson, null)",
            "{\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"}",
            "[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"),
        arguments("States.Array($.Id)", "{\"Id\": 123456}", "[123456]"),
        arguments("States.Array()", "{}", "[]"),
        // States.ArrayPartition: chunks of the size; the last may be smaller.
        arguments(
            "States.ArrayPartition($.inputArray,4)",
            "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}",
            "[[1,2,3,4], [5,6,7,8], [9]]"),
        arguments(
            "States.ArrayPartition($.inputArray, 3)",
            "{\"inputArray\": [1,2,3,4,5,6]}",
            "[[1,2,3], [4,5,6]]"),
        // States.ArrayContains: whether the value is in the array.
        arguments(
            "States.ArrayContains($.inputArray, $.lookingFor)",
            "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5}",
            "true"),
        arguments(
            "States.ArrayContains($.inputArray, $.lookingFor)",
            "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 10}",
            "false"),
        arguments(
            "States.ArrayContains($.inputArray, $.lookingFor)",
            "{\"inputArray\": [{\"a\": 1}, [2], \"x\"], \"lookingFor\": {\"a\": 1}}",
            "true"),
        // States.ArrayRange: first element, final element, increment.
        arguments("States.ArrayRange(1, 9, 2)", "{}", "[1,3,5,7,9]"),
        // States.ArrayGetItem: the value at the index.
        arguments(
            "States.ArrayGetItem($.inputArray, $.index)",
            "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5}",
            "6"),
        // States.ArrayLength.
        arguments("States.ArrayLength($.inputArray)", "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}", "9"),
        arguments("States.ArrayLength($.inputArray)", "{\"inputArray\": []}", "0"),
        // States.ArrayUnique: duplicates removed, an unsorted array allowed.
        arguments(
            "States.ArrayUnique($.inputArray)",
            "{\"inputArray\": [1,2,3,3,3,3,3,3,4]}",
            "[1,2,3,4]"),
        // States.Base64Encode / Base64Decode: MIME Base64. (The guide's decoding example shows
        // "Decoded data" as the result of decoding its encoding example's output; that output
        // decodes to the encoding example's input.)
        arguments(
            "States.Base64Encode($.input)",
            "{\"input\": \"Data to encode\"}",
            "\"RGF0YSB0byBlbmNvZGU=\""),
        arguments(
            "States.Base64Decode($.base64)",
            "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}",
            "\"Data to encode\""),
        // States.Hash with each documented algorithm. (The guide's SHA-1 example prints the
        // digest with one digit missing: ...d7485e8... for ...d74485e8....)
        arguments(
            "States.Hash($.Data, $.Algorithm)",
            "{\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}",
            "\"aaff4a450a104cd177d28d18d74485e8cae074b7\""),
        arguments(
            "States.Hash($.Data, 'MD5')",
            "{\"Data\": \"input data\"}",
            "\"812f45842bc6d66ee14572ce20db8e86\""),
        arguments(
            "States.Hash($.Data, 'SHA-256')",
            "{\"Data\": \"input data\"}",
            "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\""),
        arguments(
            "States.Hash($.Data, 'SHA-384')",
            "{\"Data\": \"input data\"}",
            "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b"
                + "87525bdc835ebb27e1fb9e9374a15562\""),
        arguments(
            "States.Hash($.Data, 'SHA-512')",
            "{\"Data\": \"input data\"}",
            "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
                + "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\""),
        // States.JsonMerge, shallow: the second object's keys win, nested objects are not merged.
        arguments(
            "States.JsonMerge($.json1, $.json2, false)",
            "{\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2},"
                + " \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}}",
            "{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"),
        // States.MathAdd: the sum of two integers.
        arguments("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}", "110"),
        // States.StringSplit: the string divided at the delimiting character.
        arguments(
            "States.StringSplit($.inputString, $.splitter)",
            "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}",
            "[\"1\",\"2\",\"3\",\"4\",\"5\"]"),
        // Calls nest: the guide's example splits an ARN twice and picks items.
        arguments(
            "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0),"
                + " States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
            "{\"ImageRecipe\": {\"Arn\":"
                + " \"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe/1.0.2\"}}",
            "\"1.0\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedResults")
  void documentedExamplesGiveTheDocumentedResult(String call, String input, String expected) {
    assertThat(evaluate(call, input)).isEqualTo(JSON.readTree(expected));
  }

  /** The input validation the guide documents, which fails with States.IntrinsicFailure. */
  static Stream<Arguments> rejectedArguments() {
    return Stream.of(
        arguments("States.ArrayPartition($.a, 0)", "{\"a\": [1, 2]}"),
        arguments("States.ArrayPartition($.a, -1)", "{\"a\": [1, 2]}"),
        // A chunk size that rounds to 0.
        arguments("States.ArrayPartition($.a, 0.4)", "{\"a\": [1, 2]}"),
        arguments("States.ArrayPartition($.a, 2)", "{\"a\": \"not an array\"}"),
        arguments("States.ArrayContains($.a, 1)", "{\"a\": {\"not\": \"an array\"}}"),
        arguments("States.ArrayRange(1, 9, 0)", "{}"),
        arguments("States.ArrayRange(1, 9, 0.4)", "{}"),
        arguments("States.ArrayRange(1, 1001, 1)", "{}"),
        // An end that rounds to the start.
        arguments("States.MathRandom(0.6, 1.4)", "{}"),
        arguments("States.MathRandom(1, 1)", "{}"),
        arguments("States.MathRandom(1, $.end)", "{\"end\": \"9\"}"),
        arguments("States.MathAdd(2147483648, 0)", "{}"),
        arguments("States.MathAdd(-2147483649, 0)", "{}"),
        arguments("States.MathAdd($.a, 1)", "{\"a\": \"1\"}"),
        arguments("States.JsonMerge($.a, $.b, true)", "{\"a\": {}, \"b\": {}}"),
        arguments("States.JsonMerge($.a, $.b, false)", "{\"a\": [1], \"b\": {}}"),
        arguments("States.Hash('data', 'SHA-224')", "{}"),
        arguments("States.StringToJson($.n)", "{\"n\": 5}"),
        arguments("States.StringToJson($.s)", "{\"s\": \"{not json\"}"),
        arguments("States.Format('{} and {}', 'one')", "{}"),
        arguments("States.Format('{}', 'one', 'two')", "{}"),
        arguments("States.Format($.t)", "{\"t\": 5}"));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("rejectedArguments")
  void invalidArgumentsFailWithStatesIntrinsicFailure(String call, String input) {
    assertThatThrownBy(() -> evaluate(call, input))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> {
              assertThat(failure.error()).isEqualTo("States.IntrinsicFailure");
              assertThat(failure.failureCause()).contains("Invalid arguments in States.");
            });
  }

  /**
   * "If you specify a non-integer value ..., Step Functions will round it off to the nearest
   * integer": ArrayPartition's chunk size, every argument of ArrayRange, MathRandom's start and
   * end, MathAdd's arguments.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "States.ArrayPartition($.a, 1.6) | [[1, 2], [3]]",
        "States.ArrayPartition($.a, 2.4) | [[1, 2], [3]]",
        "States.ArrayRange(1.4, 9.6, 2.2) | [1, 3, 5, 7, 9]",
        "States.ArrayRange(0.6, -1.6, -0.6) | [1, 0, -1, -2]",
        "States.MathRandom(0.4, 1.4) | 0",
        "States.MathRandom(-1.6, -0.6) | -2",
        "States.MathAdd(1.4, 2.6) | 4",
        "States.MathAdd(-1.6, 0.4) | -2",
        "States.MathAdd(2147483646.6, 0) | 2147483647",
      })
  void nonIntegersAreRoundedToTheNearestInteger(String call, String expected) {
    assertThat(evaluate(call, "{\"a\": [1, 2, 3]}")).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void arrayRangeMakesUpToAThousandElements() {
    assertThat(evaluate("States.ArrayRange(1, 1000, 1)", "{}")).hasSize(1000);
  }

  @ParameterizedTest(name = "between {0} and {1}")
  @CsvSource({"1, 999", "-10, 10", "0, 1", "5, 6", "-1000, -990"})
  void mathRandomReturnsAnIntegerBetweenTheStartAndTheEnd(int start, int end) {
    for (int i = 0; i < 50; i++) {
      JsonNode random = evaluate("States.MathRandom(" + start + ", " + end + ")", "{}");
      assertThat(random.isIntegralNumber()).isTrue();
      assertThat(random.asLong()).isBetween((long) start, (long) end);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"0", "1234", "-7"})
  void mathRandomWithTheSameSeedReturnsAnIdenticalNumber(int seed) {
    String call = "States.MathRandom(1, 999, " + seed + ")";
    JsonNode first = evaluate(call, "{}");
    for (int i = 0; i < 5; i++) {
      assertThat(evaluate(call, "{}")).isEqualTo(first);
    }
    assertThat(first.asInt()).isBetween(1, 999);
  }

  @Test
  void uuidIsARandomVersion4Uuid() {
    String first = evaluate("States.UUID()", "{}").stringValue();
    String second = evaluate("States.UUID()", "{}").stringValue();
    // RFC 4122: version nibble 4, variant bits 10.
    assertThat(first)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(second).isNotEqualTo(first);
  }

  /** The arity each function's documentation gives it: minimum and maximum arguments. */
  static Stream<Arguments> documentedArities() {
    int any = IntrinsicFunction.UNBOUNDED;
    return Stream.of(
        arguments("States.Format", 1, any),
        arguments("States.StringToJson", 1, 1),
        arguments("States.JsonToString", 1, 1),
        arguments("States.Array", 0, any),
        arguments("States.ArrayPartition", 2, 2),
        arguments("States.ArrayContains", 2, 2),
        arguments("States.ArrayRange", 3, 3),
        arguments("States.ArrayGetItem", 2, 2),
        arguments("States.ArrayLength", 1, 1),
        arguments("States.ArrayUnique", 1, 1),
        arguments("States.Base64Encode", 1, 1),
        arguments("States.Base64Decode", 1, 1),
        arguments("States.Hash", 2, 2),
        arguments("States.JsonMerge", 3, 3),
        arguments("States.MathRandom", 2, 3),
        arguments("States.MathAdd", 2, 2),
        arguments("States.StringSplit", 2, 2),
        arguments("States.UUID", 0, 0));
  }

  @Test
  void theRegistryHoldsExactlyTheDocumentedFunctions() {
    assertThat(IntrinsicFunctions.names())
        .containsExactlyInAnyOrderElementsOf(
            documentedArities().map(row -> (String) row.get()[0]).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedArities")
  void eachFunctionTakesItsDocumentedNumberOfArguments(String name, int min, int max) {
    IntrinsicFunction function = IntrinsicFunctions.named(name);
    assertThat(function).isNotNull();
    assertThat(function.minArguments()).isEqualTo(min);
    assertThat(function.maxArguments()).isEqualTo(max);
    if (min > 0) {
      assertThatThrownBy(
              () -> IntrinsicCall.parse(name + "(" + pathArguments(min - 1) + ")", PATHS, JSON))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name + " takes ");
    }
    if (max != IntrinsicFunction.UNBOUNDED) {
      assertThatThrownBy(
              () -> IntrinsicCall.parse(name + "(" + pathArguments(max + 1) + ")", PATHS, JSON))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name + " takes ");
    }
  }

  private static String pathArguments(int count) {
    return String.join(", ", Collections.nCopies(count, "$.x"));
  }

  @Test
  void anUnknownFunctionIsADefinitionProblem() {
    assertThatThrownBy(() -> IntrinsicCall.parse("States.Nope($.x)", PATHS, JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown intrinsic function 'States.Nope'");
  }

  private static void assertIntrinsicFailure(String call, String input, String cause) {
    assertThatThrownBy(() -> evaluate(call, input))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> {
              assertThat(failure.error()).isEqualTo("States.IntrinsicFailure");
              assertThat(failure.failureCause()).isEqualTo(cause);
            });
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Format('{}', $.a) | {\"a\": [1, 2]} | argument 2 is ARRAY",
        "States.Format('{}', $.o) | {\"o\": {\"k\": 1}} | argument 2 is OBJECT",
        "States.Format('{} {}', 'x', States.Array(1)) | {} | argument 3 is ARRAY",
      })
  void formatRejectsArrayAndObjectValues(String call, String input, String argument) {
    // Specification, States.Format: "The Value MUST NOT be a JSON array or object."
    assertIntrinsicFailure(
        call,
        input,
        "Invalid arguments in States.Format (field Parameters.x.$): "
            + argument
            + ", not a string, number, boolean or null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.JsonToString('text')",
        "States.JsonToString(5)",
        "States.JsonToString(null)",
        "States.JsonToString(States.Array($.a))"
      })
  void jsonToStringTakesAPath(String call) {
    // Specification, States.JsonToString: "takes a single argument which MUST be a Path".
    assertThatThrownBy(() -> IntrinsicCall.parse(call, PATHS, JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("States.JsonToString takes paths as arguments, not literals or calls");
  }

  @Test
  void jsonToStringTakesAContextOrVariablePathToo() {
    assertThat(IntrinsicCall.parse("States.JsonToString($$.Execution)", PATHS, JSON)).isNotNull();
    assertThat(IntrinsicCall.parse("States.JsonToString($order)", PATHS, JSON)).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"States.Base64Encode($.s)", "States.Base64Decode($.s)", "States.Hash($.s, 'MD5')"})
  void base64AndHashTakeAtMostTenThousandCharacters(String call) {
    // Guide: Base64Encode "takes a data string of up to 10,000 characters", Base64Decode "a Base64
    // encoded data string of up to 10,000 characters", Hash "10,000 characters or less"
    // (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
    // "QUFB" is Base64 for "AAA", so both lengths are valid data for all three functions.
    String function = call.substring(0, call.indexOf('('));
    assertThat(evaluate(call, "{\"s\": \"" + "QUFB".repeat(2500) + "\"}").isString()).isTrue();
    assertIntrinsicFailure(
        call,
        "{\"s\": \"" + "QUFB".repeat(2500) + "QUFB\"}",
        "Invalid arguments in "
            + function
            + " (field Parameters.x.$): the data has 10004 characters, more than the 10000"
            + " allowed");
  }

  @ParameterizedTest(name = "between {0} and {1}")
  @CsvSource({
    "-1000000000, 2000000000",
    "-9007199254740991, 9007199254740991",
    "2147483647, 2147483649",
    "-2147483650, -2147483648"
  })
  void mathRandomTakesAnyTwoIntegers(long start, long end) {
    // Guide, States.MathRandom: "You must specify integer values for the start number and end
    // number arguments", and it returns a number between them (end exclusive).
    for (int i = 0; i < 50; i++) {
      JsonNode random = evaluate("States.MathRandom(" + start + ", " + end + ")", "{}");
      assertThat(random.isIntegralNumber()).isTrue();
      assertThat(random.asLong()).isGreaterThanOrEqualTo(start).isLessThan(end);
    }
  }

  static Stream<Arguments> nestedCalls() {
    return Stream.of(
        arguments("States.Array(".repeat(10) + ")".repeat(10), 10),
        arguments("States.Array(".repeat(11) + ")".repeat(11), 11),
        // Calls side by side count as well.
        arguments(
            "States.Array(" + String.join(", ", Collections.nCopies(9, "States.UUID()")) + ")", 10),
        arguments(
            "States.Array(" + String.join(", ", Collections.nCopies(10, "States.UUID()")) + ")",
            11),
        arguments(
            "States.Format('{}{}', States.Format('{}', States.Array(States.Array(States.Array()))),"
                + " States.Array(States.Array(States.Array(States.Array(States.Array(States.Array()))))))",
            11));
  }

  @ParameterizedTest(name = "{1} calls")
  @MethodSource("nestedCalls")
  void atMostTenIntrinsicFunctionsNestInAField(String call, int calls) {
    // Guide: "You can nest up to 10 intrinsic functions within a field in your workflows", and its
    // example of a field with "nine nested intrinsic functions" has nine calls on five levels.
    if (calls <= 10) {
      assertThat(IntrinsicCall.parse(call, PATHS, JSON)).isNotNull();
    } else {
      assertThatThrownBy(() -> IntrinsicCall.parse(call, PATHS, JSON))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a field nests at most 10 intrinsic functions, and this one has " + calls);
    }
  }
}
