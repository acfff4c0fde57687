package io.github.py2sfn.tasktools.localrunner.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items a Distributed Map state's {@code ItemReader} reads from Amazon S3 (ItemReader (Map),
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html): the elements
 * of a JSON array, the lines of a JSON Lines object, the rows of a CSV object with its header in
 * the first row, or the objects a {@code ListObjectsV2} listing names. Whatever goes wrong is
 * {@code States.ItemReaderFailed}, naming the state and field, never the object's content.
 */
final class ItemReaderStep {

  static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ItemReaderStep() {}

  /**
   * Reads the items.
   *
   * @param arguments the reader's {@code Parameters} or {@code Arguments}, evaluated: {@code
   *     Bucket} and {@code Key} (getObject) or {@code Prefix} (listObjectsV2)
   */
  static ArrayNode read(
      String state,
      StateDefinition.ItemReader reader,
      JsonNode arguments,
      @Nullable S3Client s3,
      ObjectMapper mapper) {
    if (s3 == null) {
      throw failed(state, "the runner has no S3Client (LocalStateMachineRunner.Builder.s3Client)");
    }
    String bucket = required(state, arguments, "Bucket");
    try {
      if (reader.source() == StateDefinition.ItemSource.LIST_OBJECTS_V2) {
        JsonNode prefix = arguments.get("Prefix");
        return listing(s3, bucket, prefix == null ? null : required(state, arguments, "Prefix"));
      }
      String key = required(state, arguments, "Key");
      String content =
          s3.getObjectAsBytes(request -> request.bucket(bucket).key(key))
              .asString(StandardCharsets.UTF_8);
      return switch (reader.inputType()) {
        case JSON -> jsonArray(state, content, mapper);
        case JSONL -> jsonLines(state, content, mapper);
        case CSV -> csv(state, content);
      };
    } catch (S3Exception e) {
      throw failed(state, "Amazon S3 answered " + e.awsErrorDetails().errorCode());
    } catch (SdkException e) {
      throw failed(state, "Amazon S3 could not be reached");
    }
  }

  /**
   * The listing's objects as the page shows them: {@code Etag}, {@code Key}, {@code LastModified}
   * (epoch seconds), {@code Size}, {@code StorageClass}.
   */
  private static ArrayNode listing(S3Client s3, String bucket, @Nullable String prefix) {
    ArrayNode items = NODES.arrayNode();
    for (S3Object object :
        s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
      ObjectNode item = items.addObject();
      item.put("Etag", object.eTag());
      item.put("Key", object.key());
      item.put("LastModified", object.lastModified().getEpochSecond());
      item.put("Size", object.size());
      item.put("StorageClass", object.storageClassAsString());
    }
    return items;
  }

  private static ArrayNode jsonArray(String state, String content, ObjectMapper mapper) {
    JsonNode tree;
    try {
      tree = mapper.readTree(content);
    } catch (JacksonException e) {
      throw failed(state, "the object is not JSON");
    }
    if (!tree.isArray()) {
      throw failed(state, "the JSON object holds no array but " + tree.getNodeType());
    }
    return (ArrayNode) tree;
  }

  private static ArrayNode jsonLines(String state, String content, ObjectMapper mapper) {
    ArrayNode items = NODES.arrayNode();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        items.add(mapper.readTree(lines[i]));
      } catch (JacksonException e) {
        throw failed(state, "line " + (i + 1) + " of the JSON Lines object is not JSON");
      }
    }
    return items;
  }

  /** Each row after the first as an object of the first row's names and the row's strings. */
  private static ArrayNode csv(String state, String content) {
    List<List<String>> rows = csvRows(state, content);
    ArrayNode items = NODES.arrayNode();
    if (rows.isEmpty()) {
      return items;
    }
    List<String> header = rows.get(0);
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != header.size()) {
        throw failed(
            state,
            "CSV row " + (r + 1) + " has " + row.size() + " fields, the header " + header.size());
      }
      ObjectNode item = items.addObject();
      for (int c = 0; c < header.size(); c++) {
        item.put(header.get(c), row.get(c));
      }
    }
    return items;
  }

  /** RFC 4180 rows: fields in double quotes may hold commas, line breaks and doubled quotes. */
  private static List<List<String>> csvRows(String state, String content) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int length = content.length();
    for (int i = 0; i < length; i++) {
      char c = content.charAt(i);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i + 1 < length && content.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < length && content.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        addRow(rows, row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw failed(state, "the CSV object ends inside a quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      addRow(rows, row);
    }
    return rows;
  }

  private static void addRow(List<List<String>> rows, List<String> row) {
    // A blank line is no row.
    if (!(row.size() == 1 && row.get(0).isEmpty())) {
      rows.add(row);
    }
  }

  private static String required(String state, JsonNode arguments, String field) {
    JsonNode value = arguments.get(field);
    if (value == null || !value.isString()) {
      throw failed(state, "the reader's " + field + " is not a string");
    }
    return value.stringValue();
  }

  private static StateFailure failed(String state, String detail) {
    return new StateFailure(
        ITEM_READER_FAILED, "State '" + state + "' field ItemReader: " + detail);
  }
}
