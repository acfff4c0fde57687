package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Distributed Map state's {@code ResultWriter} against moto's S3, as ResultWriter (Map)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html) describes
 * it: "Contents of the ResultWriter field" (the transformations and output types, the required
 * field combinations), "Exporting to Amazon S3" (the state's result, the {@code manifest.json},
 * {@code SUCCEEDED_n}, {@code FAILED_n} and {@code PENDING_n} files), and the "Transformation NONE"
 * example (each child execution's record).
 */
@AwsEmulatorTest
class ResultWriterTest {

  private static final String BUCKET = "runner-result-writer";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MAP_RUN_ARN =
      "arn:aws:states:us-east-1:123456789012:mapRun:Orders/Fan:[0-9a-f-]{36}";

  private static S3Client s3;

  @BeforeAll
  static void bucket(AwsEmulator emulator) {
    s3 = emulator.s3Client();
    s3.createBucket(request -> request.bucket(BUCKET));
  }

  /**
   * A Distributed Map over {@code $.items}, each child returning {@code [n, n]}, or failing with
   * {@code Item.Bad} when its item has {@code "bad": true}.
   */
  private static String definition(String mapFields) {
    return """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true, "ItemsPath": "$.items"%s,
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Default": "Pair",
                  "Choices": [{"Variable": "$.bad", "IsPresent": true, "Next": "Bad"}]},
                "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "the item is bad"},
                "Pair": {"Type": "Pass", "End": true,
                  "Parameters": {"pair.$": "States.Array($.n, $.n)"}, "OutputPath": "$.pair"}}}}}}"""
        .formatted(mapFields);
  }

  private static String export(String prefix, String writerConfig) {
    return """
        , "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "%s", "Prefix": "%s"}%s}"""
        .formatted(BUCKET, prefix, writerConfig);
  }

  private static LocalStateMachineRunner.Builder builder(String definition) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .stateMachineName("Orders")
        .s3Client(s3);
  }

  private static ExecutionResult run(String definition, String input) {
    return builder(definition).build().run(input);
  }

  private static JsonNode object(String key) {
    return JSON.readTree(
        s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String());
  }

  private static List<JsonNode> lines(String key) {
    String content = s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String();
    List<JsonNode> values = new ArrayList<>();
    for (String line : content.split("\n")) {
      values.add(JSON.readTree(line));
    }
    return values;
  }

  private static List<String> keys(String prefix) {
    return s3
        .listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  @Test
  void anExportReturnsTheMapRunArnAndTheManifestLocation() {
    ExecutionResult result =
        run(definition(export("plain", "")), "{\"items\": [{\"n\": 1}, {\"n\": 2}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = result.output();
    String mapRunArn = output.get("MapRunArn").asString();
    assertThat(mapRunArn).matches(MAP_RUN_ARN);
    String uuid = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
    JsonNode details = output.get("ResultWriterDetails");
    assertThat(details.get("Bucket").asString()).isEqualTo(BUCKET);
    assertThat(details.get("Key").asString()).isEqualTo("plain/" + uuid + "/manifest.json");
    // Nothing failed and nothing was left pending: only the successes are written.
    assertThat(keys("plain/" + uuid + "/"))
        .containsExactly("plain/" + uuid + "/SUCCEEDED_0.json", "plain/" + uuid + "/manifest.json");

    JsonNode manifest = object(details.get("Key").asString());
    assertThat(manifest.get("DestinationBucket").asString()).isEqualTo(BUCKET);
    assertThat(manifest.get("MapRunArn").asString()).isEqualTo(mapRunArn);
    JsonNode files = manifest.get("ResultFiles");
    assertThat(files.get("FAILED")).isEmpty();
    assertThat(files.get("PENDING")).isEmpty();
    assertThat(files.get("SUCCEEDED")).hasSize(1);
    String succeededKey = files.get("SUCCEEDED").get(0).get("Key").asString();
    assertThat(succeededKey).isEqualTo("plain/" + uuid + "/SUCCEEDED_0.json");
    assertThat(files.get("SUCCEEDED").get(0).get("Size").asLong())
        .isEqualTo(
            s3.headObject(request -> request.bucket(BUCKET).key(succeededKey)).contentLength());
  }

  /** Without WriterConfig an export is NONE and JSON: each child execution's whole record. */
  @Test
  void aSucceededChildIsRecordedAsTheTransformationNoneExampleShows() {
    ExecutionResult result = run(definition(export("records", "")), "{\"items\": [{\"n\": 7}]}");

    JsonNode manifest = object(result.output().get("ResultWriterDetails").get("Key").asString());
    JsonNode records =
        object(manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asString());
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    String name = record.get("Name").asString();
    assertThat(record.get("ExecutionArn").asString())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Orders/Fan:" + name);
    assertThat(record.get("StateMachineArn").asString())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:Orders/Fan");
    assertThat(record.get("Status").asString()).isEqualTo("SUCCEEDED");
    // Input and output are JSON strings, as DescribeExecution returns them.
    assertThat(JSON.readTree(record.get("Input").asString()))
        .isEqualTo(JSON.readTree("{\"n\": 7}"));
    assertThat(JSON.readTree(record.get("Output").asString())).isEqualTo(JSON.readTree("[7, 7]"));
    assertThat(record.get("InputDetails").get("Included").asBoolean()).isTrue();
    assertThat(record.get("OutputDetails").get("Included").asBoolean()).isTrue();
    assertThat(record.get("RedriveCount").asInt()).isZero();
    assertThat(record.get("RedriveStatus").asString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(record.get("RedriveStatusReason").asString())
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    assertThat(record.get("StartDate").asString()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
    assertThat(record.get("StopDate").asString()).matches("\\d{4}-.*T.*\\.\\d{3}Z");
    assertThat(record.has("Error")).isFalse();
  }

  static Stream<Arguments> writerConfigs() {
    return Stream.of(
        Arguments.of("COMPACT", "JSON", "[[1, 1], [2, 2]]"),
        Arguments.of("COMPACT", "JSONL", "[[1, 1], [2, 2]]"),
        Arguments.of("FLATTEN", "JSON", "[1, 1, 2, 2]"),
        Arguments.of("FLATTEN", "JSONL", "[1, 1, 2, 2]"),
        Arguments.of("NONE", "JSON", null),
        Arguments.of("NONE", "JSONL", null));
  }

  /**
   * Each transformation and output type: COMPACT writes the outputs, FLATTEN splices array outputs
   * in, NONE the records; JSON files hold one array, JSONL files one value a line.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writerConfigs")
  void theWriterConfigShapesTheSucceededFile(
      String transformation, String outputType, String expected) {
    String prefix = "config-" + transformation + "-" + outputType;
    String config =
        ", \"WriterConfig\": {\"Transformation\": \"%s\", \"OutputType\": \"%s\"}"
            .formatted(transformation, outputType);

    ExecutionResult result =
        run(definition(export(prefix, config)), "{\"items\": [{\"n\": 1}, {\"n\": 2}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode manifest = object(result.output().get("ResultWriterDetails").get("Key").asString());
    String key = manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asString();
    String extension = outputType.equals("JSONL") ? ".jsonl" : ".json";
    assertThat(key).endsWith("/SUCCEEDED_0" + extension);
    List<JsonNode> values = new ArrayList<>();
    if (outputType.equals("JSONL")) {
      values.addAll(lines(key));
    } else {
      object(key).forEach(values::add);
    }
    if (expected == null) {
      assertThat(values)
          .extracting(value -> JSON.readTree(value.get("Output").asString()))
          .containsExactly(JSON.readTree("[1, 1]"), JSON.readTree("[2, 2]"));
    } else {
      assertThat(values).containsExactlyElementsOf(JSON.readTree(expected));
    }
  }

  static Stream<Arguments> previews() {
    return Stream.of(
        Arguments.of("COMPACT", "[[1, 1], [2, 2]]"), Arguments.of("FLATTEN", "[1, 1, 2, 2]"));
  }

  /**
   * "Only WriterConfig": the results are not exported but shaped and "passed on to the next state";
   * no S3 client is needed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("previews")
  void writerConfigAloneShapesTheStateOutput(String transformation, String expected) {
    String writer =
        ", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"%s\", \"OutputType\":"
            + " \"JSON\"}}";

    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition(writer.formatted(transformation)))
            .build()
            .run("{\"items\": [{\"n\": 1}, {\"n\": 2}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void writerConfigAloneWithNoneOutputsTheRecords() {
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(
                definition(
                    ", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"NONE\","
                        + " \"OutputType\": \"JSON\"}}"))
            .build()
            .run("{\"items\": [{\"n\": 3}]}");

    JsonNode record = result.output().get(0);
    assertThat(record.get("Status").asString()).isEqualTo("SUCCEEDED");
    assertThat(JSON.readTree(record.get("Output").asString())).isEqualTo(JSON.readTree("[3, 3]"));
  }

  /**
   * Within the tolerated failure threshold the state succeeds; the failed child goes to the FAILED
   * file with its error and cause ("FAILED_n.json – Contains the consolidated data for all failed,
   * timed out, and aborted child workflow executions"), whatever the transformation.
   */
  @Test
  void toleratedFailuresAreWrittenToTheFailedFile() {
    String fields =
        export(
                "tolerated",
                ", \"WriterConfig\": {\"Transformation\": \"COMPACT\", \"OutputType\": \"JSON\"}")
            + ", \"ToleratedFailureCount\": 1";

    ExecutionResult result =
        run(definition(fields), "{\"items\": [{\"n\": 1}, {\"bad\": true}, {\"n\": 3}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode files =
        object(result.output().get("ResultWriterDetails").get("Key").asString()).get("ResultFiles");
    assertThat(object(files.get("SUCCEEDED").get(0).get("Key").asString()))
        .isEqualTo(JSON.readTree("[[1, 1], [3, 3]]"));
    JsonNode failed = object(files.get("FAILED").get(0).get("Key").asString());
    assertThat(failed).hasSize(1);
    JsonNode record = failed.get(0);
    assertThat(record.get("Status").asString()).isEqualTo("FAILED");
    assertThat(record.get("Error").asString()).isEqualTo("Item.Bad");
    assertThat(record.get("Cause").asString()).isEqualTo("the item is bad");
    assertThat(JSON.readTree(record.get("Input").asString()))
        .isEqualTo(JSON.readTree("{\"bad\": true}"));
    assertThat(record.has("Output")).isFalse();
    assertThat(files.get("PENDING")).isEmpty();
  }

  /**
   * Over the threshold the state fails with States.ExceedToleratedFailureThreshold and the Map Run
   * still exports: the children it never started are in the PENDING file ("child workflow
   * executions that weren't started because the Map Run failed or aborted").
   */
  @Test
  void overTheThresholdTheUnstartedChildrenArePending() {
    String fields =
        export("exceeded", "") + ", \"MaxConcurrency\": 1, \"ToleratedFailureCount\": 0";

    ExecutionResult result =
        run(
            definition(fields),
            "{\"items\": [{\"n\": 1}, {\"bad\": true}, {\"n\": 3}, {\"n\": 4}]}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    List<String> manifests =
        keys("exceeded/").stream().filter(key -> key.endsWith("/manifest.json")).toList();
    assertThat(manifests).hasSize(1);
    JsonNode files = object(manifests.get(0)).get("ResultFiles");
    assertThat(object(files.get("SUCCEEDED").get(0).get("Key").asString())).hasSize(1);
    JsonNode failed = object(files.get("FAILED").get(0).get("Key").asString());
    assertThat(failed)
        .extracting(record -> record.get("Error").asString())
        .containsExactly("Item.Bad");
    JsonNode pending = object(files.get("PENDING").get(0).get("Key").asString());
    assertThat(pending)
        .extracting(record -> JSON.readTree(record.get("Input").asString()))
        .containsExactly(JSON.readTree("{\"n\": 3}"), JSON.readTree("{\"n\": 4}"));
    assertThat(pending)
        .allSatisfy(record -> assertThat(record.get("Status").asString()).isEqualTo("PENDING"));
  }

  /**
   * Parameters take paths ({@code Bucket.$}, {@code Prefix.$}); ResultSelector reads the result.
   */
  @Test
  void jsonPathParametersAndResultSelectorApply() {
    String fields =
        """
        , "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket.$": "$.bucket", "Prefix.$": "States.Format('runs/{}', $.run)"}},
          "ResultSelector": {"manifest.$": "$.ResultWriterDetails.Key"}""";

    ExecutionResult result =
        run(
            definition(fields),
            "{\"bucket\": \"" + BUCKET + "\", \"run\": \"r1\", \"items\": [{\"n\": 1}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String manifest = result.output().get("manifest").asString();
    assertThat(manifest).matches("runs/r1/[0-9a-f-]{36}/manifest\\.json");
    assertThat(object(manifest).get("DestinationBucket").asString()).isEqualTo(BUCKET);
  }

  /** "For JSONata states, Parameters will be replaced with Arguments." */
  @Test
  void aJsonataStateNamesItsDestinationWithArguments() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "End": true, "Items": "{% $states.input.items %}",
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
              "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "jsonata"}},
            "Output": "{% $states.result.ResultWriterDetails %}",
            "ItemProcessor": {
              "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "Child", "States": {"Child": {"Type": "Pass", "End": true}}}}}}""";

    ExecutionResult result = run(definition, "{\"bucket\": \"" + BUCKET + "\", \"items\": [1, 2]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String key = result.output().get("Key").asString();
    assertThat(key).startsWith("jsonata/").endsWith("/manifest.json");
    JsonNode files = object(key).get("ResultFiles");
    assertThat(object(files.get("SUCCEEDED").get(0).get("Key").asString()))
        .extracting(record -> record.get("Output").asString())
        .containsExactly("1", "2");
  }

  /** Writing fails the state with States.ResultWriterFailed, which Catch can handle. */
  @Test
  void aBucketThatDoesNotExistFailsTheStateWithResultWriterFailed() {
    String definition =
        definition(
                """
                , "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "no-such-bucket-here"}},
                  "Catch": [{"ErrorEquals": ["States.ResultWriterFailed"], "Next": "Caught"}]""")
            .replace("\"End\": true, \"ItemsPath\"", "\"Next\": \"Caught\", \"ItemsPath\"")
            .replaceFirst(
                "\"States\": \\{", "\"States\": {\"Caught\": {\"Type\": \"Pass\", \"End\": true},");

    ExecutionResult result = run(definition, "{\"items\": [{\"n\": 1}]}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("Error").asString()).isEqualTo("States.ResultWriterFailed");
    assertThat(result.output().get("Cause").asString())
        .contains("State 'Fan' field ResultWriter")
        .contains("NoSuchBucket");
  }

  @Test
  void withoutAnS3ClientAnExportFailsBeforeAnyChildStarts() {
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition(export("none", "")))
            .build()
            .run("{\"items\": [{\"n\": 1}]}");

    assertThat(result.error()).isEqualTo("States.ResultWriterFailed");
    assertThat(result.cause()).contains("S3Client");
    assertThat(result.history())
        .noneMatch(event -> event.type() == HistoryEventType.ITERATION_STARTED);
  }

  static Stream<Arguments> definitionErrors() {
    String resource = "\"Resource\": \"arn:aws:states:::s3:putObject\"";
    String parameters = "\"Parameters\": {\"Bucket\": \"b\"}";
    String config = "\"WriterConfig\": {\"Transformation\": \"NONE\", \"OutputType\": \"JSON\"}";
    return Stream.of(
        Arguments.of(", \"ResultWriter\": {}", "ResultWriter"),
        Arguments.of(", \"ResultWriter\": {" + resource + "}", "ResultWriter.Parameters"),
        Arguments.of(", \"ResultWriter\": {" + parameters + "}", "ResultWriter.Resource"),
        Arguments.of(
            ", \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:getObject\", "
                + parameters
                + "}",
            "ResultWriter.Resource"),
        Arguments.of(
            ", \"ResultWriter\": {" + resource + ", \"Parameters\": {\"Prefix\": \"p\"}}",
            "ResultWriter.Parameters.Bucket"),
        Arguments.of(
            ", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"SQUASH\","
                + " \"OutputType\": \"JSON\"}}",
            "ResultWriter.WriterConfig.Transformation"),
        Arguments.of(
            ", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"NONE\","
                + " \"OutputType\": \"CSV\"}}",
            "ResultWriter.WriterConfig.OutputType"),
        Arguments.of(
            ", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"NONE\"}}",
            "ResultWriter.WriterConfig.OutputType"),
        Arguments.of(
            ", \"ResultWriter\": {" + config + ", \"Compression\": \"GZIP\"}",
            "ResultWriter.Compression"));
  }

  /** Definitions AWS rejects, or the runner cannot run, fail the build naming state and field. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("definitionErrors")
  void invalidResultWritersAreRejectedNamingTheField(String fields, String field) {
    assertThatThrownBy(() -> builder(definition(fields)).build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).as(e.getMessage()).isEqualTo("Fan");
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            });
  }

  @Test
  void anInlineMapHasNoResultWriter() {
    String inline = definition(export("inline", "")).replace("DISTRIBUTED", "INLINE");

    assertThatThrownBy(() -> builder(inline).build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> assertThat(e.field()).as(e.getMessage()).isEqualTo("ResultWriter"));
  }
}
