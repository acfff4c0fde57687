package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.CompletedOperation;
import io.github.py2sfn.tasktools.state.DistributedMapPointer;
import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.MapRunResults;
import io.github.py2sfn.tasktools.state.NullItemException;
import io.github.py2sfn.tasktools.state.ResultWriterConfig;
import io.github.py2sfn.tasktools.state.S3ObjectLocation;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import io.github.py2sfn.tasktools.state.StateDataOperation;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/**
 * The {@link StateDataClient} on DynamoDB and S3: resolves each reference, hands the work to the
 * item store, list writer or list reader, and reports each operation to the observer. Built by
 * {@link DefaultStateDataClientBuilder}.
 */
final class DefaultStateDataClient implements StateDataClient {

  /** What clients of every namespace share. */
  record Parts(
      RefResolver resolver,
      JsonCodec codec,
      ItemStore items,
      ListWriter listWriter,
      ListReader listReader,
      DistributedMapWriter distributedMapWriter,
      MapRunResultsReader mapRunResultsReader,
      StateDataObserver observer) {}

  private final Parts parts;
  private final @Nullable String namespace;

  DefaultStateDataClient(Parts parts, @Nullable String namespace) {
    this.parts = parts;
    this.namespace = namespace;
  }

  @Override
  public StateDataClient withNamespace(String namespace) {
    if (namespace == null || namespace.isBlank()) {
      throw new InvalidStateDataRequestException(
          "State data namespace must not be " + (namespace == null ? "null" : "blank"));
    }
    return new DefaultStateDataClient(parts, namespace);
  }

  @Override
  public ItemRef.Global resolve(ItemRef ref) {
    return parts.resolver().resolve(ref, namespace);
  }

  @Override
  public ItemPointer put(ItemRef ref, @Nullable Object data) {
    ItemRef.Global location = resolve(ref);
    observe(
        StateDataOperation.PUT_ITEM,
        location.tableName(),
        tally -> {
          parts.items().put(location, data, tally);
          return null;
        });
    return new ItemPointer(
        location.tableName(),
        location.partitionKey(),
        ref instanceof ItemRef.Local local ? local.key() : null);
  }

  @Override
  public ItemsPointer putAll(ListRef ref, List<?> elements) {
    ListLocation list = parts.resolver().resolve(ref, namespace);
    if (elements == null) {
      throw new InvalidStateDataRequestException("State data list must not be null");
    }
    observe(
        StateDataOperation.PUT_ITEMS,
        list.tableName(),
        tally -> {
          parts.listWriter().write(list, elements, tally);
          return null;
        });
    return ItemsPointer.of(
        list.tableName(),
        list.partitionKey(),
        ref instanceof ListRef.Local local ? local.key() : null,
        elements.size());
  }

  @Override
  public DistributedMapPointer putAllForDistributedMap(ListRef ref, Iterator<?> elements) {
    ListLocation list = parts.resolver().resolve(ref, namespace);
    if (elements == null) {
      throw new InvalidStateDataRequestException("State data elements must not be null");
    }
    return observe(
        StateDataOperation.PUT_ITEMS,
        list.tableName(),
        tally ->
            parts
                .distributedMapWriter()
                .write(
                    list,
                    ref instanceof ListRef.Local local ? local.key() : null,
                    elements,
                    tally));
  }

  @Override
  public <T> MapRunResults<T> getMapRunResults(
      S3ObjectLocation manifest, ResultWriterConfig writerConfig, Class<T> outputType) {
    if (manifest == null || writerConfig == null) {
      throw new InvalidStateDataRequestException(
          "The manifest location and the writer configuration must not be null");
    }
    return parts.mapRunResultsReader().read(manifest, writerConfig, parts.codec().type(outputType));
  }

  @Override
  public <T> T get(ItemRef ref, Class<T> type) {
    return requireData(ref, parts.codec().type(type));
  }

  @Override
  public <T> T get(ItemRef ref, TypeReference<T> type) {
    return requireData(ref, parts.codec().type(type));
  }

  @Override
  public <T> @Nullable T getOrNull(ItemRef ref, Class<T> type) {
    return read(resolve(ref), parts.codec().type(type));
  }

  @Override
  public <T> @Nullable T getOrNull(ItemRef ref, TypeReference<T> type) {
    return read(resolve(ref), parts.codec().type(type));
  }

  @Override
  public <T> List<@Nullable T> getAll(ListRef ref, Class<T> elementType) {
    return readAll(ref, parts.codec().type(elementType));
  }

  @Override
  public <T> List<@Nullable T> getAll(ListRef ref, TypeReference<T> elementType) {
    return readAll(ref, parts.codec().type(elementType));
  }

  private <T> T requireData(ItemRef ref, JavaType type) {
    ItemRef.Global location = resolve(ref);
    T data = read(location, type);
    if (data == null) {
      throw new NullItemException(location);
    }
    return data;
  }

  private <T> @Nullable T read(ItemRef.Global location, JavaType type) {
    return observe(
        StateDataOperation.GET_ITEM,
        location.tableName(),
        tally -> parts.items().get(location, type, tally));
  }

  private <T> List<@Nullable T> readAll(ListRef ref, JavaType elementType) {
    ListLocation list = parts.resolver().resolve(ref, namespace);
    return observe(
        StateDataOperation.GET_ITEMS,
        list.tableName(),
        tally -> parts.listReader().read(list, elementType, tally));
  }

  /**
   * Runs an operation whose reference is resolved and reports it to the observer, failed or not.
   * Resolution stays outside so that table names an event made up never reach the observer.
   */
  private <R> R observe(
      StateDataOperation operation, String tableName, Function<OperationTally, R> body) {
    OperationTally tally = new OperationTally();
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      return body.apply(tally);
    } catch (RuntimeException | Error thrown) {
      failure = thrown;
      throw thrown;
    } finally {
      parts
          .observer()
          .operationCompleted(
              new CompletedOperation(
                  operation,
                  tableName,
                  tally.items(),
                  tally.bytes(),
                  tally.offloads(),
                  Duration.ofNanos(System.nanoTime() - start),
                  failure));
    }
  }
}
