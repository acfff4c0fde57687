package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a list was stored: what {@code putAll} (and {@code putItems}, {@code putGlobalItems})
 * returns. Its JSON is the Python original's: {@code {"table_name", "partition_key", "key",
 * "items": [1, 1, ...]}} (no {@code key} for global lists). The {@code items} list holds one {@code
 * 1} per element so that a Map state can fan out over it; each iteration then loads its own element
 * with {@code get(ItemRef.of(event), ...)}, and a later task reads the whole list with {@code
 * getAll(ListRef.of(pointer), ...)}.
 *
 * @param tableName the DynamoDB table
 * @param partitionKey the full partition key, usable with the global operations
 * @param key the local key, or {@code null} for a list written with a global operation
 * @param items one {@code 1} per stored element
 */
@JsonPropertyOrder({"table_name", "partition_key", "key", "items"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemsPointer(
    @JsonProperty("table_name") String tableName,
    @JsonProperty("partition_key") String partitionKey,
    @JsonProperty("key") @Nullable String key,
    @JsonProperty("items") List<Integer> items) {

  /** Checks that the table name, partition key and items are present. */
  public ItemsPointer {
    Objects.requireNonNull(tableName, "table_name");
    Objects.requireNonNull(partitionKey, "partition_key");
    Objects.requireNonNull(items, "items");
  }

  /**
   * Creates the pointer to a list of {@code size} elements.
   *
   * @param tableName the DynamoDB table
   * @param partitionKey the full partition key
   * @param key the local key, or {@code null} for a global list
   * @param size how many elements were stored
   * @return the pointer
   */
  public static ItemsPointer of(
      String tableName, String partitionKey, @Nullable String key, int size) {
    // nCopies keeps one reference however long the list: a pointer to 10,000 items stays small.
    return new ItemsPointer(tableName, partitionKey, key, Collections.nCopies(size, 1));
  }

  /**
   * Returns how many elements the list has.
   *
   * @return the number of elements
   */
  public int size() {
    return items.size();
  }
}
