package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Distributed Map state's {@code ItemReader} against moto's S3, as ItemReader (Map)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html) describes it:
 * {@code arn:aws:states:::s3:getObject} with {@code ReaderConfig.InputType} JSON (an array), JSONL
 * (one item a line) and CSV with {@code CSVHeaderLocation: FIRST_ROW} (each row an object of the
 * header's names and the row's strings), and {@code arn:aws:states:::s3:listObjectsV2} (each object
 * of a prefix as {@code Etag}, {@code Key}, {@code LastModified}, {@code Size}, {@code
 * StorageClass}).
 */
@AwsEmulatorTest
class ItemReaderTest {

  private static final String BUCKET = "runner-item-reader";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static S3Client s3;

  @BeforeAll
  static void objects(AwsEmulator emulator) {
    s3 = emulator.s3Client();
    s3.createBucket(request -> request.bucket(BUCKET));
    put("items.json", "[{\"n\": 1}, {\"n\": 2}]");
    put("items.jsonl", "{\"n\": 1}\n\n{\"n\": 2}\n");
    put("items.csv", "name,note\r\nada,\"likes, commas\"\r\nbob,\"says \"\"hi\"\"\"\r\n");
    put("listing/a.txt", "a");
    put("listing/b.txt", "bb");
  }

  private static void put(String key, String content) {
    s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(content));
  }

  private static String jsonPath(String reader) {
    return """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true, "ItemReader": %s,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Child", "States": {"Child": {"Type": "Pass", "End": true}}}}}}"""
        .formatted(reader);
  }

  private static ExecutionResult run(String definition, String input) {
    return LocalStateMachineRunner.builder().definition(definition).s3Client(s3).build().run(input);
  }

  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of("JSON", "items.json", "[{\"n\": 1}, {\"n\": 2}]"),
        Arguments.of("JSONL", "items.jsonl", "[{\"n\": 1}, {\"n\": 2}]"),
        Arguments.of(
            "CSV",
            "items.csv",
            "[{\"name\": \"ada\", \"note\": \"likes, commas\"},"
                + " {\"name\": \"bob\", \"note\": \"says \\\"hi\\\"\"}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objects")
  void getObjectReadsTheItemsOfAnObject(String inputType, String key, String items) {
    String config =
        inputType.equals("CSV")
            ? "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"}"
            : "{\"InputType\": \"" + inputType + "\"}";
    String reader =
        "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": "
            + config
            + ", \"Parameters\": {\"Bucket\": \""
            + BUCKET
            + "\", \"Key.$\": \"$.key\"}}";

    ExecutionResult result = run(jsonPath(reader), "{\"key\": \"" + key + "\"}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(JSON.readTree(items));
  }

  @Test
  void listObjectsV2ReadsTheObjectsOfAPrefix() {
    String reader =
        "{\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \""
            + BUCKET
            + "\", \"Prefix\": \"listing/\"}}";

    ExecutionResult result = run(jsonPath(reader), "{}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = result.output();
    assertThat(output.findValuesAsString("Key")).containsExactly("listing/a.txt", "listing/b.txt");
    assertThat(output.get(1).get("Size").asLong()).isEqualTo(2);
    assertThat(output.get(0).get("StorageClass").asString()).isEqualTo("STANDARD");
    assertThat(output.get(0).get("Etag").asString()).isNotEmpty();
    assertThat(output.get(0).get("LastModified").isIntegralNumber()).isTrue();
  }

  @Test
  void aJsonataReaderTakesItsArgumentsFromExpressions() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true,
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
              "ReaderConfig": {"InputType": "JSONL"},
              "Arguments": {"Bucket": "%s", "Key": "{%% $states.input.key %%}"}},
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "Child", "States": {"Child": {"Type": "Pass", "End": true,
                "Output": "{%% $states.input.n %%}"}}}}}}"""
            .formatted(BUCKET);

    ExecutionResult result = run(definition, "{\"key\": \"items.jsonl\"}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(JSON.readTree("[1, 2]"));
  }

  /** A reader that cannot read its items fails the state with {@code States.ItemReaderFailed}. */
  @Test
  void aMissingObjectIsAnItemReaderFailure() {
    String reader =
        "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\":"
            + " \"JSON\"}, \"Parameters\": {\"Bucket\": \""
            + BUCKET
            + "\", \"Key\": \"absent.json\"}}";

    ExecutionResult result = run(jsonPath(reader), "{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(result.cause()).contains("'Fan'", "ItemReader", "NoSuchKey");
  }

  @Test
  void withoutAnS3ClientTheReaderFails() {
    String reader =
        "{\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \""
            + BUCKET
            + "\"}}";

    ExecutionResult result =
        LocalStateMachineRunner.builder().definition(jsonPath(reader)).build().run("{}");

    assertThat(result.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(result.cause()).contains("S3Client");
  }

  static Stream<Arguments> definitionErrors() {
    String get = "\"Resource\": \"arn:aws:states:::s3:getObject\"";
    String parameters = ", \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}";
    return Stream.of(
        Arguments.of(
            jsonPath("{" + get + ", \"ReaderConfig\": {\"InputType\": \"JSON\"}" + parameters + "}")
                .replace("DISTRIBUTED", "INLINE"),
            "ItemReader"),
        Arguments.of(
            jsonPath("{\"Resource\": \"arn:aws:states:::s3:putObject\"" + parameters + "}"),
            "ItemReader.Resource"),
        Arguments.of(
            jsonPath(
                "{"
                    + get
                    + ", \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\":"
                    + " \"GIVEN\", \"CSVHeaders\": [\"a\"]}"
                    + parameters
                    + "}"),
            "ItemReader.ReaderConfig.CSVHeaders"),
        Arguments.of(
            jsonPath(
                "{" + get + ", \"ReaderConfig\": {\"InputType\": \"PARQUET\"}" + parameters + "}"),
            "ItemReader.ReaderConfig.InputType"),
        Arguments.of(
            jsonPath(
                "{"
                    + get
                    + ", \"ReaderConfig\": {\"InputType\": \"JSON\", \"MaxItems\": 2}"
                    + parameters
                    + "}"),
            "ItemReader.ReaderConfig.MaxItems"),
        Arguments.of(jsonPath("{" + get + parameters + "}"), "ItemReader.ReaderConfig"));
  }

  /** What the runner does not read is rejected when it is built, naming the field. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("definitionErrors")
  void unsupportedReadersAreRejectedNamingTheField(String definition, String field) {
    assertThatThrownBy(() -> LocalStateMachineRunner.builder().definition(definition).build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).as(e.getMessage()).isEqualTo("Fan");
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            });
  }
}
