package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.InvalidStoredItemException;
import io.github.py2sfn.tasktools.state.ItemRef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored format shared with the Python original: DynamoDB attributes {@code partition_key} (S),
 * {@code sort_key} (N), {@code data} (S, the JSON text) or {@code s3_key} (S), and {@code
 * expires_at} (N, epoch seconds); offloaded JSON at {@code
 * workflow_state_data/<table>/<partition_key>/<index>} in the bucket (followed by {@code
 * /<generation>} for elements written by {@code putAll}; readers follow any key under the item's
 * prefix). Each list written by {@code putAll} also has a generation item, under a partition key of
 * its own, which no reader of the list sees. Pure: no I/O.
 */
final class ItemFormat {

  static final String PARTITION_KEY = "partition_key";
  static final String SORT_KEY = "sort_key";
  static final String DATA = "data";
  static final String S3_KEY = "s3_key";
  static final String EXPIRES_AT = "expires_at";

  /**
   * The largest JSON kept in the table: DynamoDB items are limited to 400 KB, and the other
   * attributes need the rest.
   */
  static final long MAX_INLINE_BYTES = 390_000;

  private ItemFormat() {}

  static Map<String, AttributeValue> key(String partitionKey, int index) {
    return Map.of(
        PARTITION_KEY, AttributeValue.fromS(partitionKey),
        SORT_KEY, AttributeValue.fromN(Integer.toString(index)));
  }

  /** The index of an item this library built. */
  static int index(Map<String, AttributeValue> item) {
    return Integer.parseInt(item.get(SORT_KEY).n());
  }

  /**
   * The index of a stored list element, which anyone may have written (Python writes any number).
   *
   * @throws InvalidStoredItemException if the sort key is not an integer from 0 to 2^31 - 1
   */
  static int listIndex(ListLocation list, Map<String, AttributeValue> item) {
    AttributeValue sortKey = item.get(SORT_KEY);
    String number = sortKey == null ? null : sortKey.n();
    if (number != null) {
      try {
        int index = new BigDecimal(number).intValueExact();
        if (index >= 0) {
          return index;
        }
      } catch (NumberFormatException | ArithmeticException notAnIndex) {
        // Reported below.
      }
    }
    throw new InvalidStoredItemException(
        list.tableName(),
        list.partitionKey(),
        "its sort key "
            + (number == null ? "is not a number" : number + " is not a list index")
            + " (an integer from 0 to "
            + Integer.MAX_VALUE
            + ")");
  }

  /**
   * Checks that an offloaded item's S3 key lies under the item's own prefix, so that a table entry
   * cannot make a reader fetch another object of the bucket.
   *
   * @throws InvalidStoredItemException if it does not
   */
  static String checkedS3Key(ItemRef.Global location, String s3Key) {
    String prefix =
        "workflow_state_data/" + location.tableName() + "/" + location.partitionKey() + "/";
    if (!s3Key.startsWith(prefix) || s3Key.indexOf("/..", prefix.length() - 1) >= 0) {
      throw new InvalidStoredItemException(
          location.tableName(),
          location.partitionKey(),
          "its s3_key at index "
              + location.index()
              + " lies outside the item's prefix 'workflow_state_data/<table>/<partition key>/'");
    }
    return s3Key;
  }

  /** S3's limit on object keys. */
  static final int MAX_S3_KEY_BYTES = 1024;

  /**
   * The S3 key of an item that needs offloading.
   *
   * @throws InvalidStateDataRequestException if it is longer than S3 allows
   */
  static String s3KeyFitting(ItemRef.Global location, @Nullable String generation) {
    String key = s3Key(location, generation);
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_S3_KEY_BYTES) {
      throw new InvalidStateDataRequestException(
          "The state data item at "
              + location
              + " needs offloading, but its S3 key would exceed S3's "
              + MAX_S3_KEY_BYTES
              + "-byte limit: use a shorter key");
    }
    return key;
  }

  /**
   * The first index whose S3 key is longer than S3 allows: the keys of a partition key differ only
   * in the index's digits.
   */
  static long firstIndexWithoutS3Key(
      String tableName, String partitionKey, @Nullable String generation) {
    int room =
        MAX_S3_KEY_BYTES
            - s3Key(new ItemRef.Global(tableName, partitionKey, 0), generation)
                .getBytes(StandardCharsets.UTF_8)
                .length
            + 1;
    return room <= 0 ? 0 : room >= 10 ? Long.MAX_VALUE : (long) Math.pow(10, room);
  }

  /**
   * The S3 key of an offloaded item: {@code workflow_state_data/<table>/<partition key>/<index>} as
   * Python writes it, followed by {@code /<generation>} for the elements of a list written by
   * {@code putAll}, so that a concurrent {@code putAll} of the same list never replaces the object
   * another call's item points to.
   */
  static String s3Key(ItemRef.Global location, @Nullable String generation) {
    return "workflow_state_data/"
        + location.tableName()
        + "/"
        + location.partitionKey()
        + "/"
        + location.index()
        + (generation == null ? "" : "/" + generation);
  }

  /**
   * The partition key of a list's generation item, which records the generation of the latest
   * {@code putAll} of the list: outside the list's own partition key, so that no reader (Python's
   * neither) takes it for an element; a hash, so that it fits DynamoDB's limit whatever the list's
   * partition key.
   */
  static String generationPartitionKey(String partitionKey) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(partitionKey.getBytes(StandardCharsets.UTF_8));
      return GENERATION_PARTITION_KEY_PREFIX + java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is missing", impossible);
    }
  }

  /** The prefix of the partition keys of generation items. */
  static final String GENERATION_PARTITION_KEY_PREFIX = "py2sfn_list_generation:";

  /**
   * The generation attribute (S) of a generation item and of the elements {@code putAll} writes.
   */
  static final String GENERATION = "py2sfn_generation";

  /** The partition key of the list a generation item is for (S), for people reading the table. */
  static final String LIST_PARTITION_KEY = "list_partition_key";

  static Map<String, AttributeValue> generationKey(String partitionKey) {
    return key(generationPartitionKey(partitionKey), 0);
  }

  /** The generation item of a list. */
  static Map<String, AttributeValue> generationItem(
      String partitionKey, String generation, long expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(generationKey(partitionKey));
    item.put(GENERATION, AttributeValue.fromS(generation));
    item.put(LIST_PARTITION_KEY, AttributeValue.fromS(partitionKey));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
    return item;
  }

  /**
   * The item holding its JSON in {@code data}.
   *
   * @param generation the generation of the {@code putAll} writing it, stored as {@value
   *     #GENERATION} (Python ignores it); {@code null} for {@code put}
   */
  static Map<String, AttributeValue> inlineItem(
      ItemRef.Global location, String json, long expiresAt, @Nullable String generation) {
    return item(location, DATA, json, expiresAt, generation);
  }

  /** The item pointing to its offloaded JSON with {@code s3_key}; see {@link #inlineItem}. */
  static Map<String, AttributeValue> offloadedItem(
      ItemRef.Global location, String s3Key, long expiresAt, @Nullable String generation) {
    return item(location, S3_KEY, s3Key, expiresAt, generation);
  }

  private static Map<String, AttributeValue> item(
      ItemRef.Global location,
      String attribute,
      String value,
      long expiresAt,
      @Nullable String generation) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(location.partitionKey(), location.index()));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
    item.put(attribute, AttributeValue.fromS(value));
    if (generation != null) {
      item.put(GENERATION, AttributeValue.fromS(generation));
    }
    return item;
  }

  /** The S3 key of an offloaded item, {@code null} when its JSON is inline. */
  static @Nullable String s3KeyOf(Map<String, AttributeValue> item) {
    return stringAttribute(item, S3_KEY);
  }

  /** The inline JSON of an item, {@code null} when it has none. */
  static @Nullable String dataOf(Map<String, AttributeValue> item) {
    return stringAttribute(item, DATA);
  }

  private static @Nullable String stringAttribute(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  /**
   * The size DynamoDB counts for an item of this library (names and values of its string and number
   * attributes), rounded up a little per attribute.
   */
  static long size(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      AttributeValue value = attribute.getValue();
      bytes += utf8Length(attribute.getKey()) + 8;
      if (value.s() != null) {
        bytes += utf8Length(value.s());
      } else if (value.n() != null) {
        bytes += value.n().length();
      }
    }
    return bytes;
  }

  /** Counts UTF-8 bytes without encoding the string: the JSON may be close to 390,000 bytes. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        // A surrogate pair is one 4-byte code point.
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
