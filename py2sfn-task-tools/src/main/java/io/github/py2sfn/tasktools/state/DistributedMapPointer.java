package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a list for a Distributed Map was stored: what {@link
 * StateDataClient#putAllForDistributedMap putAllForDistributedMap} returns. Its JSON is small at
 * any list size:
 *
 * <pre>{@code
 * {"table_name": "...", "partition_key": "exec-1:lines", "key": "lines", "size": 100000,
 *  "item_reader": {"Bucket": "...", "Key": "workflow_state_data/.../distributed_map/<generation>.jsonl"}}
 * }</pre>
 *
 * <p>{@code item_reader} names a JSON Lines object with one line per element, each line a {@link
 * MapIterationEvent} of that element. A Distributed Map reads it with an {@code ItemReader} ({@code
 * "Resource": "arn:aws:states:::s3:getObject"}, {@code "ReaderConfig": {"InputType": "JSONL"}},
 * {@code "Parameters": {"Bucket.$": "$.lines.item_reader.Bucket", "Key.$":
 * "$.lines.item_reader.Key"}}), so each child execution gets its element's event as input (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html">ItemReader
 * (Map)</a>). A later task reads the whole list with {@code getAll(ListRef.of(pointer), ...)}.
 *
 * @param tableName the DynamoDB table
 * @param partitionKey the full partition key
 * @param key the local key, or {@code null} for a list written with a global reference
 * @param size how many elements were stored
 * @param itemReader the JSON Lines object of the elements' Map-iteration events
 */
@JsonPropertyOrder({"table_name", "partition_key", "key", "size", "item_reader"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistributedMapPointer(
    @JsonProperty("table_name") String tableName,
    @JsonProperty("partition_key") String partitionKey,
    @JsonProperty("key") @Nullable String key,
    @JsonProperty("size") int size,
    @JsonProperty("item_reader") S3ObjectLocation itemReader) {

  /** Checks that the table name, partition key and item reader are present. */
  public DistributedMapPointer {
    Objects.requireNonNull(tableName, "table_name");
    Objects.requireNonNull(partitionKey, "partition_key");
    Objects.requireNonNull(itemReader, "item_reader");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
  }
}
