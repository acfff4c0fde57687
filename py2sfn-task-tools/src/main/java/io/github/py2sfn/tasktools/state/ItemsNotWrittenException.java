package io.github.py2sfn.tasktools.state;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code putAll} (and {@code putItems}) when some elements could not be written after all
 * retries. It lists exactly the indexes that were not written, and apart the indexes whose outcome
 * is unknown: their call failed after it may have reached DynamoDB (a reset connection, a lost
 * response) and reading them back failed too. Every other index was written. Calling {@code putAll}
 * again with the same key and list is safe and converges to the full list.
 */
public class ItemsNotWrittenException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final String tableName;
  private final String partitionKey;
  private final List<Integer> indexes;
  private final List<Integer> outcomeUnknownIndexes;

  /**
   * Creates the exception.
   *
   * @param tableName the table written to
   * @param partitionKey the partition key of the list
   * @param indexes the indexes not written, ascending
   * @param outcomeUnknownIndexes the indexes that may or may not have been written, ascending
   * @param cause the first failure seen, if any
   */
  public ItemsNotWrittenException(
      String tableName,
      String partitionKey,
      List<Integer> indexes,
      List<Integer> outcomeUnknownIndexes,
      @Nullable Throwable cause) {
    super(
        indexes.size()
            + " state data item(s) were not written to table '"
            + tableName
            + "', partition key '"
            + partitionKey
            + "': indexes "
            + summarize(indexes)
            + (outcomeUnknownIndexes.isEmpty()
                ? ""
                : "; the outcome of "
                    + outcomeUnknownIndexes.size()
                    + " is unknown: indexes "
                    + summarize(outcomeUnknownIndexes)),
        cause);
    this.tableName = tableName;
    this.partitionKey = partitionKey;
    this.indexes = List.copyOf(indexes);
    this.outcomeUnknownIndexes = List.copyOf(outcomeUnknownIndexes);
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

  /**
   * Returns the indexes that were not written.
   *
   * @return the indexes, ascending
   */
  public List<Integer> indexes() {
    return indexes;
  }

  /**
   * Returns the indexes that may or may not have been written.
   *
   * @return the indexes, ascending; empty unless a call's outcome could not be read back
   */
  public List<Integer> outcomeUnknownIndexes() {
    return outcomeUnknownIndexes;
  }

  static String summarize(List<Integer> indexes) {
    int shown = 50;
    if (indexes.size() <= shown) {
      return indexes.toString();
    }
    return indexes.subList(0, shown) + " and " + (indexes.size() - shown) + " more";
  }
}
