package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The input of one iteration of a py2sfn-style Map state that fans out over the {@code items} of an
 * {@link ItemsPointer}. The Map state builds it with these {@code Parameters}:
 *
 * <pre>{@code
 * "Parameters": {
 *   "items_result_table_name.$": "$.characters.table_name",
 *   "items_result_partition_key.$": "$.characters.partition_key",
 *   "items_result_key.$": "$.characters.key",
 *   "context_index.$": "$$.Map.Item.Index",
 *   "context_value.$": "$$.Map.Item.Value"
 * }
 * }</pre>
 *
 * <p>{@link ItemRef#of(MapIterationEvent)} addresses the iteration's element: by table and
 * partition key when the event names them, else by its local key. The Python vocabulary's local
 * operations need {@code items_result_key}; its global ones need {@code items_result_table_name}
 * and {@code items_result_partition_key}. Other fields of the event (such as {@code context_value}
 * or {@code __trace}) are ignored.
 *
 * @param itemsResultTableName the table of the list ({@code items_result_table_name})
 * @param itemsResultPartitionKey the partition key of the list ({@code items_result_partition_key})
 * @param itemsResultKey the local key of the list ({@code items_result_key})
 * @param contextIndex this iteration's index in the list ({@code context_index})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MapIterationEvent(
    @JsonProperty("items_result_table_name") @Nullable String itemsResultTableName,
    @JsonProperty("items_result_partition_key") @Nullable String itemsResultPartitionKey,
    @JsonProperty("items_result_key") @Nullable String itemsResultKey,
    @JsonProperty(value = "context_index", required = true) int contextIndex) {

  /** Field name of the list's table. */
  public static final String TABLE_NAME_FIELD = "items_result_table_name";

  /** Field name of the list's partition key. */
  public static final String PARTITION_KEY_FIELD = "items_result_partition_key";

  /** Field name of the list's local key. */
  public static final String KEY_FIELD = "items_result_key";

  /** Field name of the iteration's index. */
  public static final String INDEX_FIELD = "context_index";

  /** Rejects a negative index. */
  public MapIterationEvent {
    if (contextIndex < 0) {
      throw new InvalidStateDataRequestException(
          "Map iteration event field '" + INDEX_FIELD + "' is negative: " + contextIndex);
    }
  }

  /**
   * Reads the event from the raw map a task received, as parsed from JSON.
   *
   * @param event the task's input
   * @return the event
   * @throws InvalidStateDataRequestException if {@code context_index} is missing or not a
   *     non-negative integer, or a present field is not a string
   */
  public static MapIterationEvent from(Map<String, ?> event) {
    return new MapIterationEvent(
        optionalString(event, TABLE_NAME_FIELD),
        optionalString(event, PARTITION_KEY_FIELD),
        optionalString(event, KEY_FIELD),
        index(event.get(INDEX_FIELD)));
  }

  /**
   * Returns the local key, for local operations.
   *
   * @return {@code items_result_key}
   * @throws InvalidStateDataRequestException if the event has no {@code items_result_key}
   */
  public String requireKey() {
    return require(itemsResultKey, KEY_FIELD);
  }

  /**
   * Returns the table name, for global operations.
   *
   * @return {@code items_result_table_name}
   * @throws InvalidStateDataRequestException if the event has no {@code items_result_table_name}
   */
  public String requireTableName() {
    return require(itemsResultTableName, TABLE_NAME_FIELD);
  }

  /**
   * Returns the partition key, for global operations.
   *
   * @return {@code items_result_partition_key}
   * @throws InvalidStateDataRequestException if the event has no {@code items_result_partition_key}
   */
  public String requirePartitionKey() {
    return require(itemsResultPartitionKey, PARTITION_KEY_FIELD);
  }

  private static String require(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidStateDataRequestException(
          "Map iteration event is missing field '" + field + "'");
    }
    return value;
  }

  private static @Nullable String optionalString(Map<String, ?> event, String field) {
    Object value = event.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new InvalidStateDataRequestException(
        "Map iteration event field '"
            + field
            + "' must be a string, not a "
            + value.getClass().getSimpleName());
  }

  private static int index(@Nullable Object value) {
    if (value == null) {
      throw new InvalidStateDataRequestException(
          "Map iteration event is missing field '" + INDEX_FIELD + "'");
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      long index = ((Number) value).longValue();
      if (index >= 0
          && index <= Integer.MAX_VALUE
          && BigInteger.valueOf(index).equals(new BigInteger(value.toString()))) {
        return (int) index;
      }
    }
    throw new InvalidStateDataRequestException(
        "Map iteration event field '" + INDEX_FIELD + "' must be a non-negative integer");
  }
}
