package io.github.py2sfn.tasktools.autoconfigure.metrics;

import io.github.py2sfn.tasktools.state.CompletedOperation;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Records {@link io.github.py2sfn.tasktools.state.StateDataClient} operations in Micrometer:
 *
 * <ul>
 *   <li>{@code py2sfn.state.operations}: timer, tags {@code operation} ({@code put_item}, {@code
 *       put_items}, {@code get_item}, {@code get_items}), {@code table}, {@code outcome} ({@code
 *       success} or {@code failure}) and {@code exception} (simple class name, {@code none});
 *   <li>{@code py2sfn.state.items}: counter of items written or read, tags {@code operation},
 *       {@code table};
 *   <li>{@code py2sfn.state.bytes}: distribution summary of the JSON bytes per operation, same
 *       tags;
 *   <li>{@code py2sfn.state.offloads}: counter of objects written to or read from S3, same tags;
 *   <li>{@code py2sfn.state.batch.retries}: counter of TransactWriteItems calls repeated for writes
 *       DynamoDB cancelled (throttled, conflicting), tag {@code table}.
 * </ul>
 *
 * <p>Tags never carry partition keys or data: their values are bounded by the tables the
 * application uses.
 */
public class MicrometerStateDataObserver implements StateDataObserver {

  private final MeterProvider<Timer> operations;
  private final MeterProvider<Counter> items;
  private final MeterProvider<DistributionSummary> bytes;
  private final MeterProvider<Counter> offloads;
  private final MeterProvider<Counter> batchRetries;

  /**
   * Creates the observer.
   *
   * @param registry where to record
   */
  public MicrometerStateDataObserver(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    operations =
        Timer.builder("py2sfn.state.operations")
            .description("State data operations: putItem(s), getItem(s) and their global variants")
            .withRegistry(registry);
    items =
        Counter.builder("py2sfn.state.items")
            .description("State data items written or read")
            .withRegistry(registry);
    bytes =
        DistributionSummary.builder("py2sfn.state.bytes")
            .description("UTF-8 JSON bytes written or read per state data operation")
            .baseUnit("bytes")
            .withRegistry(registry);
    offloads =
        Counter.builder("py2sfn.state.offloads")
            .description("State data objects written to or read from S3")
            .withRegistry(registry);
    batchRetries =
        Counter.builder("py2sfn.state.batch.retries")
            .description("TransactWriteItems calls repeated for writes DynamoDB cancelled")
            .withRegistry(registry);
  }

  @Override
  public void operationCompleted(CompletedOperation operation) {
    Tags tags =
        Tags.of("operation", operation.operation().tagValue(), "table", operation.tableName());
    Throwable failure = operation.failure();
    operations
        .withTags(
            tags.and(
                "outcome", failure == null ? "success" : "failure",
                "exception", failure == null ? "none" : failure.getClass().getSimpleName()))
        .record(operation.duration());
    items.withTags(tags).increment(operation.itemCount());
    bytes.withTags(tags).record(operation.bytes());
    if (operation.offloadedCount() > 0) {
      offloads.withTags(tags).increment(operation.offloadedCount());
    }
  }

  @Override
  public void batchRetried(String tableName, int retry, int unprocessedCount) {
    batchRetries.withTags("table", tableName).increment();
  }
}
