package io.github.py2sfn.tasktools.state.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.py2sfn.tasktools.internal.JsonErrors;
import io.github.py2sfn.tasktools.state.ChildExecution;
import io.github.py2sfn.tasktools.state.MapRunResults;
import io.github.py2sfn.tasktools.state.MapRunResultsException;
import io.github.py2sfn.tasktools.state.ResultWriterConfig;
import io.github.py2sfn.tasktools.state.S3ObjectLocation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads what a Distributed Map's {@code ResultWriter} exported (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>): {@code manifest.json} ({@code DestinationBucket}, {@code MapRunArn}, {@code
 * ResultFiles} with the {@code Key} and {@code Size} of each {@code FAILED}, {@code PENDING} and
 * {@code SUCCEEDED} file), then each file in the manifest's bucket: a JSON array or JSON Lines of
 * child execution records, or of bare outputs for succeeded executions under {@code COMPACT} and
 * {@code FLATTEN} (failed executions are recorded whole under every transformation).
 */
final class MapRunResultsReader {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Manifest(
      @JsonProperty("DestinationBucket") @Nullable String destinationBucket,
      @JsonProperty("MapRunArn") @Nullable String mapRunArn,
      @JsonProperty("ResultFiles") @Nullable ResultFiles resultFiles) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultFiles(
      @JsonProperty("FAILED") @Nullable List<ResultFile> failed,
      @JsonProperty("PENDING") @Nullable List<ResultFile> pending,
      @JsonProperty("SUCCEEDED") @Nullable List<ResultFile> succeeded) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultFile(
      @JsonProperty("Key") @Nullable String key, @JsonProperty("Size") @Nullable Long size) {}

  private final OffloadStore s3;
  private final JsonCodec codec;

  MapRunResultsReader(OffloadStore s3, JsonCodec codec) {
    this.s3 = s3;
    this.codec = codec;
  }

  <T> MapRunResults<T> read(
      S3ObjectLocation manifestLocation, ResultWriterConfig config, JavaType type) {
    String what = "the Distributed Map manifest " + manifestLocation;
    Manifest manifest =
        s3.read(
            manifestLocation,
            what,
            json -> {
              try {
                return codec.<Manifest>convert(codec.readTree(json), codec.type(Manifest.class));
              } catch (JacksonException failure) {
                throw invalid(what, "is not a manifest", failure);
              }
            });
    if (manifest == null
        || manifest.mapRunArn() == null
        || manifest.destinationBucket() == null
        || manifest.resultFiles() == null) {
      throw new MapRunResultsException(
          what + " lacks 'MapRunArn', 'DestinationBucket' or 'ResultFiles'");
    }
    ResultFiles files = manifest.resultFiles();
    String bucket = manifestLocation.bucket();
    boolean records = config.transformation() == ResultWriterConfig.Transformation.NONE;
    List<@Nullable T> outputs = new ArrayList<>();
    List<ChildExecution> succeeded = new ArrayList<>();
    for (S3ObjectLocation file : locations(bucket, files.succeeded(), "SUCCEEDED", what)) {
      for (JsonNode value : values(file, config)) {
        if (records) {
          ChildExecution execution = execution(file, value);
          succeeded.add(execution);
          outputs.add(output(file, execution, type));
        } else {
          outputs.add(convert(file, value, type));
        }
      }
    }
    return new MapRunResults<>(
        manifest.mapRunArn(),
        manifest.destinationBucket(),
        outputs,
        succeeded,
        executions(locations(bucket, files.failed(), "FAILED", what), config),
        executions(locations(bucket, files.pending(), "PENDING", what), config));
  }

  private static List<S3ObjectLocation> locations(
      String bucket, @Nullable List<ResultFile> files, String status, String manifest) {
    List<S3ObjectLocation> locations = new ArrayList<>();
    for (ResultFile file : files == null ? List.<ResultFile>of() : files) {
      if (file == null || file.key() == null || file.key().isBlank()) {
        throw new MapRunResultsException(
            manifest + " lists a " + status + " result file without a 'Key'");
      }
      locations.add(new S3ObjectLocation(bucket, file.key()));
    }
    return locations;
  }

  private List<ChildExecution> executions(List<S3ObjectLocation> files, ResultWriterConfig config) {
    List<ChildExecution> executions = new ArrayList<>();
    for (S3ObjectLocation file : files) {
      for (JsonNode value : values(file, config)) {
        executions.add(execution(file, value));
      }
    }
    return executions;
  }

  private List<JsonNode> values(S3ObjectLocation file, ResultWriterConfig config) {
    String what = "the Distributed Map result file " + file;
    return s3.read(
        file,
        what,
        (InputStream json) -> {
          try {
            if (config.outputType() == ResultWriterConfig.OutputType.JSONL) {
              return codec.readLines(json);
            }
            JsonNode array = codec.readTree(json);
            if (array == null || !array.isArray()) {
              throw new MapRunResultsException(
                  what + " is not a JSON array (OutputType JSON); is its OutputType JSONL?");
            }
            List<JsonNode> values = new ArrayList<>(array.size());
            array.forEach(values::add);
            return values;
          } catch (JacksonException failure) {
            throw invalid(what, "is not " + config.outputType() + " of values", failure);
          }
        });
  }

  private ChildExecution execution(S3ObjectLocation file, JsonNode value) {
    // Every record names its status; a bare output (COMPACT, FLATTEN) need not be an object at all.
    if (!value.isObject() || !value.path("Status").isString()) {
      throw new MapRunResultsException(
          "The Distributed Map result file "
              + file
              + " holds a value that is not a child execution record (an object with a 'Status');"
              + " is its Transformation NONE?");
    }
    try {
      return codec.convert(value, codec.type(ChildExecution.class));
    } catch (JacksonException failure) {
      throw invalid(
          "The Distributed Map result file " + file,
          "holds an invalid child execution record",
          failure);
    }
  }

  private <T> @Nullable T output(S3ObjectLocation file, ChildExecution execution, JavaType type) {
    if (execution.output() == null) {
      return null;
    }
    try {
      return codec.read(execution.output(), type);
    } catch (JacksonException failure) {
      throw invalid(
          "The output of child execution '" + execution.executionArn() + "' in " + file,
          "cannot be read as " + type.toCanonical(),
          failure);
    }
  }

  private <T> @Nullable T convert(S3ObjectLocation file, JsonNode value, JavaType type) {
    try {
      return codec.convert(value, type);
    } catch (JacksonException failure) {
      throw invalid(
          "An output in the Distributed Map result file " + file,
          "cannot be read as " + type.toCanonical(),
          failure);
    }
  }

  private static MapRunResultsException invalid(
      String subject, String problem, JacksonException failure) {
    return new MapRunResultsException(
        subject + " " + problem + ": " + JsonErrors.describe(failure));
  }
}
