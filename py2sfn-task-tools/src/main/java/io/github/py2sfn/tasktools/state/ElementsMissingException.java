package io.github.py2sfn.tasktools.state;

import java.util.List;

/**
 * Thrown by {@code getAll} when a list has gaps: indexes below its last element (or below the size
 * its pointer records) with no item. Elements are never shifted into a gap. A gap means the list
 * was not written completely (a {@code putAll} that failed and was not retried) or items were
 * removed.
 */
public class ElementsMissingException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final String tableName;
  private final String partitionKey;
  private final List<Integer> indexes;

  /**
   * Creates the exception.
   *
   * @param tableName the table read
   * @param partitionKey the partition key of the list
   * @param indexes the missing indexes, ascending
   */
  public ElementsMissingException(String tableName, String partitionKey, List<Integer> indexes) {
    super(
        indexes.size()
            + " element(s) of the list at table '"
            + tableName
            + "', partition key '"
            + partitionKey
            + "' are missing: indexes "
            + ItemsNotWrittenException.summarize(indexes));
    this.tableName = tableName;
    this.partitionKey = partitionKey;
    this.indexes = List.copyOf(indexes);
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
   * Returns the partition key of the list.
   *
   * @return the partition key
   */
  public String partitionKey() {
    return partitionKey;
  }

  /**
   * Returns the missing indexes.
   *
   * @return the indexes, ascending
   */
  public List<Integer> indexes() {
    return indexes;
  }
}
