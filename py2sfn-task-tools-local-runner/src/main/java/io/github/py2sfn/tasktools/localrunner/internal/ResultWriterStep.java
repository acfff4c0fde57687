package io.github.py2sfn.tasktools.localrunner.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of a Distributed Map state's {@code ResultWriter} (ResultWriter (Map),
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html): shapes the
 * Map Run's child executions by {@code WriterConfig.Transformation} and, when exporting, writes
 * them to Amazon S3 as the page lays them out, under {@code <Prefix>/<MapRunId>/}: {@code
 * SUCCEEDED_0}, {@code FAILED_0} (failed and aborted executions) and {@code PENDING_0} (those never
 * started), each {@code .json} (one array) or {@code .jsonl} (one value a line), and {@code
 * manifest.json} naming them. Whatever goes wrong writing is {@code States.ResultWriterFailed},
 * naming the state and field, never the data.
 */
final class ResultWriterStep {

  static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Where an export goes: the evaluated {@code Bucket} and {@code Prefix}.
   *
   * @param prefix the key prefix, empty for none
   */
  record Destination(String bucket, String prefix) {
    /** The key of a file of the Map Run's folder. */
    String key(MapRun mapRun, String file) {
      String folder =
          prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/"; // see the README
      return folder + mapRun.uuid() + "/" + file;
    }
  }

  private ResultWriterStep() {}

  /**
   * The destination a {@code ResultWriter}'s evaluated {@code Parameters} or {@code Arguments}
   * name: {@code Bucket} a string, {@code Prefix} a string when given. A value of another type
   * fails the state with {@code States.Runtime}, as a request a state cannot start with does.
   */
  static Destination destination(String state, String field, JsonNode request) {
    JsonNode bucket = request.path("Bucket");
    if (!bucket.isString() || bucket.stringValue().isEmpty()) {
      throw StateFailure.runtime(
          "State '" + state + "' field ResultWriter." + field + ".Bucket: not a non-empty string");
    }
    JsonNode prefix = request.path("Prefix");
    if (!prefix.isMissingNode() && !prefix.isString()) {
      throw StateFailure.runtime(
          "State '" + state + "' field ResultWriter." + field + ".Prefix: not a string");
    }
    return new Destination(bucket.stringValue(), prefix.isString() ? prefix.stringValue() : "");
  }

  /**
   * The client to export with; fails the state when there is none (checked before its Map Run
   * starts, and again when it ends).
   */
  static S3Client requireClient(String state, @Nullable S3Client s3) {
    if (s3 == null) {
      throw failed(state, "the runner has no S3Client (LocalStateMachineRunner.Builder.s3Client)");
    }
    return s3;
  }

  /**
   * Ends the Map Run: with a destination, writes its files and the manifest, and returns the page's
   * {@code {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}}; without one ({@code
   * WriterConfig} alone), returns the child executions shaped by the transformation.
   */
  static JsonNode finish(
      String state,
      StateDefinition.ResultWriter writer,
      @Nullable Destination destination,
      MapRun mapRun,
      @Nullable S3Client s3,
      ObjectMapper mapper) {
    StateDefinition.WriterConfig config = writer.effectiveConfig();
    List<JsonNode> succeeded = new ArrayList<>();
    List<JsonNode> failed = new ArrayList<>();
    for (MapRun.Child child : mapRun.started()) {
      if (child.status() == MapRun.Status.SUCCEEDED) {
        transform(config.transformation(), child, mapRun, mapper, succeeded);
      } else {
        // "If a child workflow execution fails, Step Functions returns its execution result
        // unchanged", as with NONE.
        failed.add(record(child, mapRun, mapper));
      }
    }
    if (destination == null) {
      ArrayNode output = NODES.arrayNode();
      output.addAll(succeeded);
      output.addAll(failed);
      return output;
    }
    List<JsonNode> pending = new ArrayList<>();
    for (MapRun.Pending item : mapRun.pending()) {
      pending.add(pendingRecord(item, mapper));
    }
    S3Client client = requireClient(state, s3);
    String extension = config.outputType() == StateDefinition.OutputType.JSONL ? ".jsonl" : ".json";
    ObjectNode manifest = NODES.objectNode();
    manifest.put("DestinationBucket", destination.bucket());
    manifest.put("MapRunArn", mapRun.arn());
    ObjectNode files = manifest.putObject("ResultFiles");
    String manifestKey = destination.key(mapRun, "manifest.json");
    try {
      files.set(
          "FAILED",
          write(client, destination, mapRun, "FAILED_0" + extension, failed, config, mapper));
      files.set(
          "PENDING",
          write(client, destination, mapRun, "PENDING_0" + extension, pending, config, mapper));
      files.set(
          "SUCCEEDED",
          write(client, destination, mapRun, "SUCCEEDED_0" + extension, succeeded, config, mapper));
      put(client, destination.bucket(), manifestKey, mapper.writeValueAsBytes(manifest));
    } catch (S3Exception e) {
      throw failed(
          state,
          "Amazon S3 answered "
              + e.awsErrorDetails().errorCode()
              + " writing to bucket '"
              + destination.bucket()
              + "'");
    } catch (SdkException e) {
      throw failed(state, "Amazon S3 could not be reached");
    }
    ObjectNode result = NODES.objectNode();
    result.put("MapRunArn", mapRun.arn());
    result
        .putObject("ResultWriterDetails")
        .put("Bucket", destination.bucket())
        .put("Key", manifestKey);
    return result;
  }

  /** Adds a succeeded execution's value: its record, its output, or its array's elements. */
  private static void transform(
      StateDefinition.Transformation transformation,
      MapRun.Child child,
      MapRun mapRun,
      ObjectMapper mapper,
      List<JsonNode> values) {
    JsonNode output = child.output() == null ? NODES.nullNode() : child.output();
    switch (transformation) {
      case NONE -> values.add(record(child, mapRun, mapper));
      case COMPACT -> values.add(output);
      case FLATTEN -> {
        if (output.isArray()) {
          output.forEach(values::add);
        } else {
          values.add(output);
        }
      }
    }
  }

  /**
   * A child execution as the page's {@code NONE} example records it: the DescribeExecution fields,
   * input and output as JSON strings, and {@code Error} and {@code Cause} for a failed one.
   */
  private static ObjectNode record(MapRun.Child child, MapRun mapRun, ObjectMapper mapper) {
    ObjectNode record = NODES.objectNode();
    if (child.cause() != null) {
      record.put("Cause", child.cause());
    }
    if (child.error() != null) {
      record.put("Error", child.error());
    }
    record.put("ExecutionArn", child.executionArn());
    record.put("Input", mapper.writeValueAsString(child.input()));
    record.putObject("InputDetails").put("Included", true);
    record.put("Name", child.name());
    if (child.output() != null) {
      record.put("Output", mapper.writeValueAsString(child.output()));
      record.putObject("OutputDetails").put("Included", true);
    }
    record.put("RedriveCount", 0);
    if (child.status() == MapRun.Status.SUCCEEDED) {
      record.put("RedriveStatus", "NOT_REDRIVABLE");
      record.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
    } else {
      // DescribeExecution: a Distributed Map's failed child executions are redriven by its Map Run.
      record.put("RedriveStatus", "REDRIVABLE_BY_MAP_RUN");
    }
    record.put("StartDate", Timestamps.format(child.startDate()));
    record.put("StateMachineArn", mapRun.stateMachineArn());
    record.put("Status", child.status().name());
    record.put("StopDate", Timestamps.format(child.stopDate()));
    return record;
  }

  /** A child execution that never started: its input, and {@code Status: PENDING}. */
  private static ObjectNode pendingRecord(MapRun.Pending pending, ObjectMapper mapper) {
    ObjectNode record = NODES.objectNode();
    record.put("Input", mapper.writeValueAsString(pending.input()));
    record.putObject("InputDetails").put("Included", true);
    record.put("Status", "PENDING");
    return record;
  }

  /** Writes one result file, when there is anything to write; the manifest's list of them. */
  private static ArrayNode write(
      S3Client s3,
      Destination destination,
      MapRun mapRun,
      String file,
      List<JsonNode> values,
      StateDefinition.WriterConfig config,
      ObjectMapper mapper) {
    ArrayNode listed = NODES.arrayNode();
    if (values.isEmpty()) {
      return listed;
    }
    byte[] content;
    if (config.outputType() == StateDefinition.OutputType.JSONL) {
      StringBuilder lines = new StringBuilder();
      for (JsonNode value : values) {
        lines.append(mapper.writeValueAsString(value)).append('\n');
      }
      content = lines.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      ArrayNode array = NODES.arrayNode();
      array.addAll(values);
      content = mapper.writeValueAsBytes(array);
    }
    String key = destination.key(mapRun, file);
    put(s3, destination.bucket(), key, content);
    listed.addObject().put("Key", key).put("Size", content.length);
    return listed;
  }

  private static void put(S3Client s3, String bucket, String key, byte[] content) {
    s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  private static StateFailure failed(String state, String detail) {
    return new StateFailure(
        RESULT_WRITER_FAILED, "State '" + state + "' field ResultWriter: " + detail);
  }
}
