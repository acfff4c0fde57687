package io.github.py2sfn.tasktools.state;

/**
 * Thrown by {@code putAll} (and {@code putItems}) when another {@code putAll} of the same list,
 * started later (a Step Functions retry of a task whose first attempt still runs, for example),
 * took the list over: this call stopped writing, and the list stored is the later call's, whole.
 * Any of this call's elements already written are overwritten or deleted by the later call. The
 * message names the table and the partition key, never the data.
 */
public class ConcurrentListWriteException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final String tableName;
  private final String partitionKey;

  /**
   * Creates the exception.
   *
   * @param tableName the table written to
   * @param partitionKey the partition key of the list
   */
  public ConcurrentListWriteException(String tableName, String partitionKey) {
    super(
        "Another putAll of the list at table '"
            + tableName
            + "', partition key '"
            + partitionKey
            + "', started later, took the list over: this call stopped writing, and the list"
            + " stored is the later call's");
    this.tableName = tableName;
    this.partitionKey = partitionKey;
  }

  /**
   * Returns the table written to.
   *
   * @return the table name
   */
  public String tableName() {
    return tableName;
  }

  /**
   * Returns the partition key of the list.
   *
   * @return the partition key
   */
  public String partitionKey() {
    return partitionKey;
  }
}
