package io.github.py2sfn.tasktools.state;

/**
 * Thrown when an item in the table does not have the shape of a state data item, so it cannot be
 * read safely: a sort key that is not a list index (an integer from 0 to 2<sup>31</sup> - 1), an
 * {@code s3_key} outside the item's own {@code workflow_state_data/<table>/<partition key>/}
 * prefix, or neither a {@code data} nor an {@code s3_key} string. The message names the table, the
 * partition key and the offending value, never the data.
 */
public class InvalidStoredItemException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final String tableName;
  private final String partitionKey;

  /**
   * Creates the exception.
   *
   * @param tableName the table read
   * @param partitionKey the partition key read
   * @param problem what is wrong with the item, naming the offending value
   */
  public InvalidStoredItemException(String tableName, String partitionKey, String problem) {
    super(
        "The state data item of table '"
            + tableName
            + "', partition key '"
            + partitionKey
            + "' cannot be read: "
            + problem);
    this.tableName = tableName;
    this.partitionKey = partitionKey;
  }

  /**
   * Returns the table read.
   *
   * @return the table name
   */
  public String tableName() {
    return tableName;
  }

  /**
   * Returns the partition key read.
   *
   * @return the partition key
   */
  public String partitionKey() {
    return partitionKey;
  }
}
