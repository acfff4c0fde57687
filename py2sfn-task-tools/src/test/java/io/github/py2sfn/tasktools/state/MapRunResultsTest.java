package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.test.emulator.PythonOriginal.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.state.ResultWriterConfig.OutputType;
import io.github.py2sfn.tasktools.state.ResultWriterConfig.Transformation;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Reading what a Distributed Map's {@code ResultWriter} exports, from files shaped as the developer
 * guide shows them (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>): {@code manifest.json} with {@code DestinationBucket}, {@code MapRunArn} and {@code
 * ResultFiles} ({@code FAILED}, {@code PENDING}, {@code SUCCEEDED}, each a list of {@code Key} and
 * {@code Size}); result files holding, per {@code Transformation}, child execution records ({@code
 * NONE}: metadata, {@code Input} and {@code Output} as JSON strings) or bare outputs ({@code
 * COMPACT}; {@code FLATTEN} with array outputs spliced in), as a JSON array or JSON Lines per
 * {@code OutputType}. Failed executions keep their whole record ("If a child workflow execution
 * fails, Step Functions returns its execution result unchanged").
 */
@AwsEmulatorTest
class MapRunResultsTest {

  static final String MAP_RUN_ARN =
      "arn:aws:states:us-east-1:123456789012:mapRun:orders/Map:ad9b5f27-090b-3ac6-9beb-243cd77144a7";
  static final String PREFIX = "csvProcessJobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/";

  record Priced(String sku, int price) {}

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient client;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.client = StateDataFixture.builder(aws, resources).build();
  }

  /** The child outputs of the run: the last child returned an array. */
  static final List<Object> CHILD_OUTPUTS =
      List.of(
          Map.of("sku", "a", "price", 1),
          Map.of("sku", "b", "price", 2),
          List.of(Map.of("sku", "c", "price", 3), Map.of("sku", "d", "price", 4)));

  private static Map<String, Object> record(int index, String status, Object output) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put(
        "ExecutionArn", "arn:aws:states:us-east-1:123456789012:execution:orders/Map:" + index);
    record.put(
        "Input",
        JSON.writeValueAsString(Map.of("items_result_table_name", "t", "context_index", index)));
    record.put("InputDetails", Map.of("Included", true));
    record.put("Name", "child-" + index);
    if (output != null) {
      record.put("Output", JSON.writeValueAsString(output));
      record.put("OutputDetails", Map.of("Included", true));
    }
    record.put("RedriveCount", 0);
    record.put("RedriveStatus", "NOT_REDRIVABLE");
    record.put("StartDate", "2026-11-25T12:00:00.000Z");
    record.put("StateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:orders/Map");
    record.put("Status", status);
    record.put("StopDate", "2026-11-25T12:00:01.000Z");
    return record;
  }

  private static Map<String, Object> failedRecord(int index) {
    Map<String, Object> record = record(index, "FAILED", null);
    record.put("Error", "PriceNotFound");
    record.put("Cause", "No price for sku x" + index);
    return record;
  }

  private String file(OutputType outputType, List<?> values) {
    return outputType == OutputType.JSON
        ? JSON.writeValueAsString(values)
        : values.stream().map(JSON::writeValueAsString).collect(Collectors.joining("\n", "", "\n"));
  }

  private void put(String key, String body) {
    aws.s3Client()
        .putObject(
            request -> request.bucket(resources.bucketName()).key(key),
            RequestBody.fromString(body));
  }

  private Map<String, Object> entry(String key, String body) {
    put(key, body);
    return Map.of("Key", key, "Size", body.length());
  }

  /** Writes the run's files as Step Functions would under the config, returning the manifest. */
  private S3ObjectLocation export(ResultWriterConfig config) {
    List<Object> succeeded = new ArrayList<>();
    for (int index = 0; index < CHILD_OUTPUTS.size(); index++) {
      Object output = CHILD_OUTPUTS.get(index);
      switch (config.transformation()) {
        case NONE -> succeeded.add(record(index, "SUCCEEDED", output));
        case COMPACT -> succeeded.add(output);
        case FLATTEN -> {
          if (output instanceof List<?> elements) {
            succeeded.addAll(elements);
          } else {
            succeeded.add(output);
          }
        }
      }
    }
    // Two SUCCEEDED files: the reader keeps the manifest's order.
    int split = 1;
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("DestinationBucket", resources.bucketName());
    manifest.put("MapRunArn", MAP_RUN_ARN);
    manifest.put(
        "ResultFiles",
        Map.of(
            "FAILED",
            List.of(
                entry(
                    PREFIX + "FAILED_0.json", file(config.outputType(), List.of(failedRecord(7))))),
            "PENDING",
            List.of(),
            "SUCCEEDED",
            List.of(
                entry(
                    PREFIX + "SUCCEEDED_0.json",
                    file(config.outputType(), succeeded.subList(0, split))),
                entry(
                    PREFIX + "SUCCEEDED_1.json",
                    file(config.outputType(), succeeded.subList(split, succeeded.size()))))));
    put(PREFIX + "manifest.json", JSON.writeValueAsString(manifest));
    return new S3ObjectLocation(resources.bucketName(), PREFIX + "manifest.json");
  }

  static Stream<Arguments> everyWriterConfig() {
    return Stream.of(Transformation.values())
        .flatMap(
            transformation ->
                Stream.of(OutputType.values())
                    .map(
                        outputType ->
                            Arguments.of(new ResultWriterConfig(transformation, outputType))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyWriterConfig")
  void everyWriterConfigIsReadBackToTheSucceededOutputsAndTheFailures(ResultWriterConfig config) {
    S3ObjectLocation manifest = export(config);

    if (config.transformation() == Transformation.NONE) {
      MapRunResults<Object> results = client.getMapRunResults(manifest, config, Object.class);
      assertThat(results.outputs()).isEqualTo(CHILD_OUTPUTS);
      assertThat(results.succeeded())
          .extracting(ChildExecution::name, ChildExecution::status, ChildExecution::redriveCount)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("child-0", "SUCCEEDED", 0),
              org.assertj.core.groups.Tuple.tuple("child-1", "SUCCEEDED", 0),
              org.assertj.core.groups.Tuple.tuple("child-2", "SUCCEEDED", 0));
    } else if (config.transformation() == Transformation.COMPACT) {
      MapRunResults<Object> results = client.getMapRunResults(manifest, config, Object.class);
      assertThat(results.outputs()).isEqualTo(CHILD_OUTPUTS);
      assertThat(results.succeeded()).isEmpty();
    } else {
      MapRunResults<Priced> results = client.getMapRunResults(manifest, config, Priced.class);
      assertThat(results.outputs())
          .containsExactly(
              new Priced("a", 1), new Priced("b", 2), new Priced("c", 3), new Priced("d", 4));
    }
    MapRunResults<Object> results = client.getMapRunResults(manifest, config, Object.class);
    assertThat(results.mapRunArn()).isEqualTo(MAP_RUN_ARN);
    assertThat(results.destinationBucket()).isEqualTo(resources.bucketName());
    assertThat(results.pending()).isEmpty();
    assertThat(results.failed())
        .singleElement()
        .satisfies(
            failed -> {
              assertThat(failed.status()).isEqualTo("FAILED");
              assertThat(failed.error()).isEqualTo("PriceNotFound");
              assertThat(failed.cause()).isEqualTo("No price for sku x7");
              assertThat(failed.output()).isNull();
              assertThat(failed.executionArn()).endsWith(":7");
              assertThat(failed.toString()).doesNotContain("No price");
            });
  }

  @Test
  void pendingExecutionsAreListedWithTheirInput() {
    Map<String, Object> pending = record(9, "PENDING", null);
    Map<String, Object> manifest =
        Map.of(
            "DestinationBucket", resources.bucketName(),
            "MapRunArn", MAP_RUN_ARN,
            "ResultFiles",
                Map.of(
                    "FAILED", List.of(),
                    "SUCCEEDED", List.of(),
                    "PENDING",
                        List.of(
                            entry(
                                PREFIX + "PENDING_0.json",
                                file(OutputType.JSON, List.of(pending))))));
    put(PREFIX + "manifest.json", JSON.writeValueAsString(manifest));

    MapRunResults<Object> results =
        client.getMapRunResults(
            new S3ObjectLocation(resources.bucketName(), PREFIX + "manifest.json"),
            ResultWriterConfig.DEFAULT,
            Object.class);

    assertThat(results.outputs()).isEmpty();
    assertThat(results.pending())
        .singleElement()
        .satisfies(
            execution -> {
              assertThat(execution.status()).isEqualTo("PENDING");
              assertThat(JSON.readTree(execution.input()).get("context_index").asInt())
                  .isEqualTo(9);
            });
  }

  @Test
  void aMissingManifestNamesBucketAndKey() {
    S3ObjectLocation missing =
        new S3ObjectLocation(resources.bucketName(), PREFIX + "manifest.json");

    assertThatThrownBy(
            () -> client.getMapRunResults(missing, ResultWriterConfig.DEFAULT, Object.class))
        .isInstanceOf(StateDataAccessException.class)
        .hasMessage(
            "S3 GetObject of '"
                + PREFIX
                + "manifest.json' from bucket '"
                + resources.bucketName()
                + "' failed reading the Distributed Map manifest s3://"
                + resources.bucketName()
                + "/"
                + PREFIX
                + "manifest.json");
  }

  @Test
  void filesReadWithAnotherWriterConfigThanTheirsAreRefusedByName() {
    S3ObjectLocation manifest =
        export(new ResultWriterConfig(Transformation.COMPACT, OutputType.JSONL));

    assertThatThrownBy(
            () ->
                client.getMapRunResults(
                    manifest,
                    new ResultWriterConfig(Transformation.NONE, OutputType.JSONL),
                    Object.class))
        .isInstanceOf(MapRunResultsException.class)
        .hasMessage(
            "The Distributed Map result file s3://"
                + resources.bucketName()
                + "/"
                + PREFIX
                + "SUCCEEDED_0.json holds a value that is not a child execution record (an object"
                + " with a 'Status'); is its Transformation NONE?");
  }

  @Test
  void anOutputOfTheWrongShapeIsNamedWithoutItsData() {
    Map<String, Object> manifest =
        Map.of(
            "DestinationBucket", resources.bucketName(),
            "MapRunArn", MAP_RUN_ARN,
            "ResultFiles",
                Map.of(
                    "FAILED", List.of(),
                    "PENDING", List.of(),
                    "SUCCEEDED",
                        List.of(
                            entry(
                                PREFIX + "SUCCEEDED_0.json",
                                file(
                                    OutputType.JSON,
                                    List.of(
                                        record(
                                            0,
                                            "SUCCEEDED",
                                            Map.of(
                                                "sku",
                                                "secret-sku",
                                                "price",
                                                "secret-price"))))))));
    put(PREFIX + "manifest.json", JSON.writeValueAsString(manifest));

    assertThatThrownBy(
            () ->
                client.getMapRunResults(
                    new S3ObjectLocation(resources.bucketName(), PREFIX + "manifest.json"),
                    ResultWriterConfig.DEFAULT,
                    Priced.class))
        .isInstanceOf(MapRunResultsException.class)
        .hasMessageStartingWith(
            "The output of child execution 'arn:aws:states:us-east-1:123456789012:execution:orders/Map:0' in s3://"
                + resources.bucketName()
                + "/"
                + PREFIX
                + "SUCCEEDED_0.json cannot be read as ")
        .hasMessageContaining("at path $.price")
        .hasMessageNotContaining("secret");
  }
}
