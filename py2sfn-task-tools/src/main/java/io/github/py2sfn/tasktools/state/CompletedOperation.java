package io.github.py2sfn.tasktools.state;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link StateDataClient} operation did, reported to {@link StateDataObserver}s once it
 * has ended. It carries counts and sizes, never the data or the partition key.
 *
 * @param operation the kind of operation
 * @param tableName the table it used
 * @param itemCount how many items it wrote or read successfully
 * @param bytes the size of the UTF-8 JSON it serialized or read, offloaded objects included
 * @param offloadedCount how many objects it wrote to, or read from, S3
 * @param duration how long it took, validation excluded
 * @param failure what it threw, {@code null} when it succeeded
 */
public record CompletedOperation(
    StateDataOperation operation,
    String tableName,
    int itemCount,
    long bytes,
    int offloadedCount,
    Duration duration,
    @Nullable Throwable failure) {

  /** Checks the required fields. */
  public CompletedOperation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * Returns whether the operation succeeded.
   *
   * @return {@code true} when it threw nothing
   */
  public boolean succeeded() {
    return failure == null;
  }
}
