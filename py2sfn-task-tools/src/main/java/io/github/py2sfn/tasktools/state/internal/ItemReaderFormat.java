package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Lines object of a list for a Distributed Map: line {@code i} is the {@link
 * MapIterationEvent} of element {@code i}, {@code {"items_result_table_name": ...,
 * "items_result_partition_key": ..., "items_result_key": ..., "context_index": i}} ({@code
 * items_result_key} only for a local list), each line ended by {@code \n}. Its key is {@code
 * workflow_state_data/<table>/<partition key>/distributed_map/<generation>.jsonl}: under the list's
 * own prefix, apart from its elements' offloaded objects (whose next segment is a number), and of
 * the writing call's generation. Pure: no I/O; the lines are generated as they are read, so the
 * object never sits in memory.
 */
final class ItemReaderFormat {

  private static final JsonMapper STRINGS = new JsonMapper();

  private final byte[] prefix;
  private final int count;

  /**
   * @param key the list's local key, {@code null} for a global list
   * @param count how many elements the list has
   */
  ItemReaderFormat(ListLocation list, @Nullable String key, int count) {
    StringBuilder line = new StringBuilder("{");
    field(line, MapIterationEvent.TABLE_NAME_FIELD, list.tableName());
    field(line, MapIterationEvent.PARTITION_KEY_FIELD, list.partitionKey());
    if (key != null) {
      field(line, MapIterationEvent.KEY_FIELD, key);
    }
    line.append('"').append(MapIterationEvent.INDEX_FIELD).append("\":");
    this.prefix = line.toString().getBytes(StandardCharsets.UTF_8);
    this.count = count;
  }

  private static void field(StringBuilder line, String name, String value) {
    line.append('"')
        .append(name)
        .append("\":")
        .append(STRINGS.writeValueAsString(value))
        .append(',');
  }

  /**
   * The key of the object.
   *
   * @throws InvalidStateDataRequestException if it is longer than S3 allows
   */
  static String s3Key(ListLocation list, String generation) {
    String key =
        "workflow_state_data/"
            + list.tableName()
            + "/"
            + list.partitionKey()
            + "/distributed_map/"
            + generation
            + ".jsonl";
    if (key.getBytes(StandardCharsets.UTF_8).length > ItemFormat.MAX_S3_KEY_BYTES) {
      throw new InvalidStateDataRequestException(
          "The Distributed Map items of the list at "
              + list
              + " need an S3 key longer than S3's "
              + ItemFormat.MAX_S3_KEY_BYTES
              + "-byte limit: use a shorter key");
    }
    return key;
  }

  /** The object's size in bytes. */
  long length() {
    long digits = 0;
    long low = 0;
    long high = 10;
    for (int width = 1; low < count; width++, low = high, high *= 10) {
      digits += (Math.min(count, high) - low) * width;
    }
    return (long) count * (prefix.length + "}\n".length()) + digits;
  }

  /** A new stream over the object's bytes, one line built at a time. */
  InputStream newStream() {
    return new InputStream() {
      private int index;
      private byte[] line = new byte[0];
      private int position;

      /** Makes sure a byte is left in {@code line}, or returns {@code false} at the end. */
      private boolean fill() {
        if (position < line.length) {
          return true;
        }
        if (index >= count) {
          return false;
        }
        byte[] suffix = (index++ + "}\n").getBytes(StandardCharsets.US_ASCII);
        line = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, line, prefix.length, suffix.length);
        position = 0;
        return true;
      }

      @Override
      public int read() {
        return fill() ? line[position++] & 0xff : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
          return 0;
        }
        int read = 0;
        while (read < length && fill()) {
          int chunk = Math.min(length - read, line.length - position);
          System.arraycopy(line, position, buffer, offset + read, chunk);
          position += chunk;
          read += chunk;
        }
        return read == 0 ? -1 : read;
      }
    };
  }
}
