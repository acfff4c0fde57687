package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a single item was stored: what {@code put} (and {@code putItem}, {@code putGlobalItem})
 * returns. Return it from a task (or a field of your output) and a later task can load the item
 * back. Its JSON is the Python original's: {@code {"table_name": ..., "partition_key": ..., "key":
 * ...}}, without {@code key} for global items.
 *
 * @param tableName the DynamoDB table
 * @param partitionKey the full partition key, usable with the global operations
 * @param key the local key, or {@code null} for an item written with a global operation
 */
@JsonPropertyOrder({"table_name", "partition_key", "key"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemPointer(
    @JsonProperty("table_name") String tableName,
    @JsonProperty("partition_key") String partitionKey,
    @JsonProperty("key") @Nullable String key) {

  /** Checks that the table name and partition key are present. */
  public ItemPointer {
    Objects.requireNonNull(tableName, "table_name");
    Objects.requireNonNull(partitionKey, "partition_key");
  }
}
