package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.InvalidStoredItemException;
import io.github.py2sfn.tasktools.state.ItemNotFoundException;
import io.github.py2sfn.tasktools.state.ItemRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JavaType;

/**
 * Writes and reads one item: converts data to JSON and to the stored item (offloading JSON over the
 * threshold to S3 first, so that no item ever points to an object that does not exist), and back.
 * The list writer and reader use the same conversions.
 */
final class ItemStore {

  private final StateTable table;
  private final OffloadStore offloads;
  private final JsonCodec codec;
  private final long offloadThreshold;
  private final Duration ttl;
  private final Clock clock;

  ItemStore(
      StateTable table,
      OffloadStore offloads,
      JsonCodec codec,
      long offloadThreshold,
      Duration ttl,
      Clock clock) {
    this.table = table;
    this.offloads = offloads;
    this.codec = codec;
    this.offloadThreshold = offloadThreshold;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The {@code expires_at} of items written now; computed once per operation. */
  long expiresAt() {
    return clock.instant().plus(ttl).getEpochSecond();
  }

  void put(ItemRef.Global location, @Nullable Object data, OperationTally tally) {
    table.putItem(location, prepare(location, data, expiresAt(), null, tally));
    tally.items(1);
  }

  /**
   * Reads an item.
   *
   * @throws ItemNotFoundException if there is none
   */
  <T> @Nullable T get(ItemRef.Global location, JavaType type, OperationTally tally) {
    Map<String, AttributeValue> item = table.getItem(location);
    if (item == null) {
      throw new ItemNotFoundException(location);
    }
    T data = decode(location, item, type, tally);
    tally.items(1);
    return data;
  }

  /**
   * Converts data to the item to store, writing its JSON to S3 first when it is over the threshold.
   *
   * @param generation the generation of the {@code putAll} writing it, {@code null} for {@code
   *     put}: see {@link ItemFormat#s3Key}
   */
  Map<String, AttributeValue> prepare(
      ItemRef.Global location,
      @Nullable Object data,
      long expiresAt,
      @Nullable String generation,
      OperationTally tally) {
    byte[] json = codec.write(data, location);
    tally.bytes(json.length);
    if (json.length <= offloadThreshold) {
      return ItemFormat.inlineItem(
          location, new String(json, StandardCharsets.UTF_8), expiresAt, generation);
    }
    String s3Key =
        offloads.put(
            location,
            json,
            "is "
                + json.length
                + " bytes of JSON, over the "
                + offloadThreshold
                + "-byte offload threshold",
            generation);
    tally.offload();
    return ItemFormat.offloadedItem(location, s3Key, expiresAt, generation);
  }

  /**
   * Checks, before any AWS call, that the data could be offloaded if it needs to be.
   *
   * @throws InvalidStateDataRequestException if its JSON is over the threshold and its S3 key too
   *     long
   */
  void checkOffloadable(
      ItemRef.Global location, @Nullable Object data, @Nullable String generation) {
    if (codec.write(data, location).length > offloadThreshold) {
      ItemFormat.s3KeyFitting(location, generation);
    }
  }

  /** Converts a stored item back to data, reading offloaded JSON from S3. */
  <T> @Nullable T decode(
      ItemRef.Global location,
      Map<String, AttributeValue> item,
      JavaType type,
      OperationTally tally) {
    String s3Key = ItemFormat.s3KeyOf(item);
    if (s3Key != null) {
      return offloads.read(location, ItemFormat.checkedS3Key(location, s3Key), type, tally);
    }
    String data = ItemFormat.dataOf(item);
    if (data == null) {
      throw new InvalidStoredItemException(
          location.tableName(),
          location.partitionKey(),
          "the item at index "
              + location.index()
              + " has neither a '"
              + ItemFormat.DATA
              + "' nor an '"
              + ItemFormat.S3_KEY
              + "' string attribute");
    }
    tally.bytes(ItemFormat.utf8Length(data));
    return codec.read(data, type, location);
  }
}
