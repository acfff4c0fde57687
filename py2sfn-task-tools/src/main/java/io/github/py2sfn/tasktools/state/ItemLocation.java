package io.github.py2sfn.tasktools.state;

/**
 * Where one state data item lives: its table, partition key and index (the {@code sort_key}).
 *
 * @param tableName the DynamoDB table
 * @param partitionKey the item's partition key, {@code <namespace>:<key>} for local items
 * @param index the item's index within its partition key, {@code 0} for single items
 */
public record ItemLocation(String tableName, String partitionKey, int index) {

  @Override
  public String toString() {
    return "table '" + tableName + "', partition key '" + partitionKey + "', index " + index;
  }
}
