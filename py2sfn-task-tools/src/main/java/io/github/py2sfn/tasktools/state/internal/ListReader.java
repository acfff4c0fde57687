package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.ElementsMissingException;
import io.github.py2sfn.tasktools.state.StateDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JavaType;

/**
 * Reads a whole list in index order. A list of known size (read through its pointer) is split into
 * index ranges read by parallel Queries; otherwise one Query pages through the partition key.
 * Inline elements are converted at once, offloaded ones loaded from S3 in parallel.
 */
final class ListReader {

  /** Fewer indexes than this per range would cost more calls than the parallelism saves. */
  static final int MIN_RANGE = 100;

  private final StateTable table;
  private final ItemStore items;
  private final BoundedParallel parallel;
  private final int maxConcurrency;

  ListReader(StateTable table, ItemStore items, BoundedParallel parallel, int maxConcurrency) {
    this.table = table;
    this.items = items;
    this.parallel = parallel;
    this.maxConcurrency = maxConcurrency;
  }

  @SuppressWarnings("unchecked")
  <T> List<@Nullable T> read(ListLocation list, JavaType type, OperationTally tally) {
    List<Map<String, AttributeValue>> rows =
        list.size().isPresent()
            ? rangedRows(list, list.size().getAsInt())
            : table.query(list.tableName(), list.partitionKey(), null, null, false);
    checkNoGaps(list, rows);
    Object[] values = new Object[rows.size()];
    List<Integer> offloaded = new ArrayList<>();
    for (int row = 0; row < rows.size(); row++) {
      if (ItemFormat.s3KeyOf(rows.get(row)) != null) {
        offloaded.add(row);
      } else {
        values[row] = decode(list, rows.get(row), type, tally);
      }
    }
    inParallel(
        offloaded.size(),
        i -> {
          int row = offloaded.get(i);
          values[row] = decode(list, rows.get(row), type, tally);
        },
        "Loading offloaded state data items of " + list + " failed");
    tally.items(values.length);
    return (List<@Nullable T>) Arrays.asList(values);
  }

  /** Reads indexes {@code [0, size)} in ranges of at least {@value #MIN_RANGE}, in parallel. */
  private List<Map<String, AttributeValue>> rangedRows(ListLocation list, int size) {
    int rangeSize = Math.max(MIN_RANGE, (size + maxConcurrency - 1) / maxConcurrency);
    int ranges = (size + rangeSize - 1) / rangeSize;
    @SuppressWarnings("unchecked")
    List<Map<String, AttributeValue>>[] rowsOfRange = new List[ranges];
    inParallel(
        ranges,
        range ->
            rowsOfRange[range] =
                table.query(
                    list.tableName(),
                    list.partitionKey(),
                    range * rangeSize,
                    Math.min(size, (range + 1) * rangeSize) - 1,
                    false),
        "Reading " + list + " failed");
    List<Map<String, AttributeValue>> rows = new ArrayList<>(size);
    for (List<Map<String, AttributeValue>> rangeRows : rowsOfRange) {
      rows.addAll(rangeRows);
    }
    return rows;
  }

  private @Nullable Object decode(
      ListLocation list, Map<String, AttributeValue> row, JavaType type, OperationTally tally) {
    return items.decode(list.element(ItemFormat.index(row)), row, type, tally);
  }

  /**
   * Checks that the rows, in index order, are the elements {@code 0..n-1}, with {@code n} the
   * pointer's size when known: a missing element is reported, never closed up by shifting the
   * elements after it.
   */
  private static void checkNoGaps(ListLocation list, List<Map<String, AttributeValue>> rows) {
    int expected = 0;
    List<Integer> missing = new ArrayList<>();
    for (Map<String, AttributeValue> row : rows) {
      int index = ItemFormat.listIndex(list, row);
      while (expected < index) {
        missing.add(expected++);
      }
      expected = index + 1;
    }
    int size = list.size().orElse(expected);
    while (expected < size) {
      missing.add(expected++);
    }
    if (!missing.isEmpty()) {
      throw new ElementsMissingException(list.tableName(), list.partitionKey(), missing);
    }
  }

  /** Runs the tasks, stopping at the first failure, and rethrows it. */
  private void inParallel(int count, IntConsumer task, String failureMessage) {
    SortedMap<Integer, Throwable> failures = parallel.forEach(count, task, true);
    if (!failures.isEmpty()) {
      Throwable first = failures.get(failures.firstKey());
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StateDataException(failureMessage, first);
    }
  }
}
