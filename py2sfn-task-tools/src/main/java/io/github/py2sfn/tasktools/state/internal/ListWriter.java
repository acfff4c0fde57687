package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.state.ItemSerializationException;
import io.github.py2sfn.tasktools.state.ItemsNotWrittenException;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes a list as a pipeline: each element is converted (and offloaded) in parallel, and the
 * thread that completes a batch of 25 sends it, so memory holds only the batches in flight. Once
 * every element is converted, the elements left from an earlier, longer list are looked up (they
 * lie beyond this list's indexes, so the writes never touch them) while the last batches are
 * written, and deleted once all elements are written. An element that cannot be converted costs no
 * look-up.
 */
final class ListWriter {

  private static final int BATCH = StateTable.MAX_BATCH_SIZE;

  private final StateTable table;
  private final ItemStore items;
  private final BoundedParallel parallel;
  private final Executor executor;

  ListWriter(StateTable table, ItemStore items, BoundedParallel parallel, Executor executor) {
    this.table = table;
    this.items = items;
    this.parallel = parallel;
    this.executor = executor;
  }

  /**
   * Writes the elements at indexes {@code 0..n-1} and deletes the list's items from {@code n} on.
   *
   * @throws ItemsNotWrittenException if some elements were not written, naming their indexes
   */
  void write(ListLocation list, List<?> elements, OperationTally tally) {
    Object[] values = elements.toArray();
    int count = values.length;
    checkOffloadable(list, values);
    long expiresAt = items.expiresAt();
    int batches = (count + BATCH - 1) / BATCH;
    AtomicReferenceArray<Map<String, AttributeValue>> prepared = new AtomicReferenceArray<>(count);
    AtomicIntegerArray unpreparedInBatch = new AtomicIntegerArray(batches);
    for (int batch = 0; batch < batches; batch++) {
      unpreparedInBatch.set(batch, batchEnd(batch, count) - batch * BATCH);
    }
    AtomicInteger unprepared = new AtomicInteger(count);
    SortedMap<Integer, Throwable> notWritten = new ConcurrentSkipListMap<>();
    SortedMap<Integer, Throwable> outcomeUnknown = new ConcurrentSkipListMap<>();
    CompletableFuture<List<Map<String, AttributeValue>>> staleKeys = new CompletableFuture<>();
    if (count == 0) {
      lookUpStale(list, count, staleKeys);
    }
    parallel
        .forEach(
            count,
            index -> {
              try {
                prepared.set(
                    index, items.prepare(list.element(index), values[index], expiresAt, tally));
              } catch (RuntimeException failure) {
                notWritten.put(index, failure);
              } finally {
                if (unprepared.decrementAndGet() == 0 && notWritten.isEmpty()) {
                  lookUpStale(list, count, staleKeys);
                }
                int batch = index / BATCH;
                if (unpreparedInBatch.decrementAndGet(batch) == 0) {
                  writeBatch(list, batch, count, prepared, notWritten, outcomeUnknown, tally);
                }
              }
            },
            false)
        .forEach(notWritten::putIfAbsent);
    if (!notWritten.isEmpty() || !outcomeUnknown.isEmpty()) {
      throw new ItemsNotWrittenException(
          list.tableName(),
          list.partitionKey(),
          new ArrayList<>(notWritten.keySet()),
          new ArrayList<>(outcomeUnknown.keySet()),
          (notWritten.isEmpty() ? outcomeUnknown : notWritten).values().iterator().next());
    }
    deleteStale(list, count, staleKeys);
  }

  /**
   * Rejects the whole list before any AWS call when an element would need offloading but its index
   * makes its S3 key too long. Only lists whose partition key leaves room for few index digits pay
   * for converting those elements twice.
   */
  private void checkOffloadable(ListLocation list, Object[] values) {
    long first = ItemFormat.firstIndexWithoutS3Key(list.tableName(), list.partitionKey());
    for (long index = first; index < values.length; index++) {
      try {
        items.checkOffloadable(list.element((int) index), values[(int) index]);
      } catch (ItemSerializationException unserializable) {
        // The pipeline reports it among the elements not written.
      }
    }
  }

  /** Looks up the stale items on the executor, or on this thread when the executor refuses. */
  private void lookUpStale(
      ListLocation list, int fromIndex, CompletableFuture<List<Map<String, AttributeValue>>> keys) {
    Runnable lookUp =
        () -> {
          try {
            // Elements beyond the new list, and any at negative indexes (Python can write those).
            List<Map<String, AttributeValue>> stale =
                new ArrayList<>(table.query(list.tableName(), list.partitionKey(), null, -1, true));
            stale.addAll(table.query(list.tableName(), list.partitionKey(), fromIndex, null, true));
            keys.complete(stale);
          } catch (RuntimeException failure) {
            keys.completeExceptionally(failure);
          }
        };
    try {
      executor.execute(lookUp);
    } catch (RejectedExecutionException rejected) {
      lookUp.run();
    }
  }

  private void writeBatch(
      ListLocation list,
      int batch,
      int count,
      AtomicReferenceArray<Map<String, AttributeValue>> prepared,
      SortedMap<Integer, Throwable> notWritten,
      SortedMap<Integer, Throwable> outcomeUnknown,
      OperationTally tally) {
    List<WriteRequest> requests = new ArrayList<>(BATCH);
    for (int index = batch * BATCH; index < batchEnd(batch, count); index++) {
      Map<String, AttributeValue> item = prepared.getAndSet(index, null);
      if (item != null) {
        requests.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
    }
    if (requests.isEmpty()) {
      return;
    }
    StateTable.BatchResult result = table.batchWrite(list.tableName(), requests);
    tally.items(requests.size() - result.pending().size());
    if (result.failure() == null) {
      Throwable unprocessed =
          new StateDataException(
              Thread.currentThread().isInterrupted()
                  ? "Interrupted before DynamoDB processed the item"
                  : "DynamoDB left the item unprocessed after all BatchWriteItem retries (throttled)");
      result.pending().forEach(request -> notWritten.put(index(request), unprocessed));
    } else if (result.failure() instanceof SdkServiceException
        || result.failure() instanceof InvocationDeadlineExceededException) {
      SdkException notSent = result.failure();
      result.pending().forEach(request -> notWritten.put(index(request), notSent));
    } else {
      reconcile(list, result.pending(), result.failure(), notWritten, outcomeUnknown, tally);
    }
  }

  /**
   * Finds out which requests of a call whose outcome is unknown (its connection reset, its response
   * lost) DynamoDB applied, by reading their items back: an item stored exactly as sent was
   * written. When the read fails too, their outcome stays unknown.
   */
  private void reconcile(
      ListLocation list,
      List<WriteRequest> requests,
      SdkException lost,
      SortedMap<Integer, Throwable> notWritten,
      SortedMap<Integer, Throwable> outcomeUnknown,
      OperationTally tally) {
    int first = index(requests.get(0));
    int last = index(requests.get(requests.size() - 1));
    Map<Integer, Map<String, AttributeValue>> stored = new HashMap<>();
    try {
      for (Map<String, AttributeValue> item :
          table.query(list.tableName(), list.partitionKey(), first, last, false)) {
        stored.put(ItemFormat.index(item), item);
      }
    } catch (StateDataAccessException unreadable) {
      requests.forEach(request -> outcomeUnknown.put(index(request), lost));
      return;
    }
    for (WriteRequest request : requests) {
      if (request.putRequest().item().equals(stored.get(index(request)))) {
        tally.items(1);
      } else {
        notWritten.put(index(request), lost);
      }
    }
  }

  private static int index(WriteRequest request) {
    return ItemFormat.index(request.putRequest().item());
  }

  private static int batchEnd(int batch, int count) {
    return Math.min(count, (batch + 1) * BATCH);
  }

  private void deleteStale(
      ListLocation list, int fromIndex, CompletableFuture<List<Map<String, AttributeValue>>> keys) {
    String stale =
        "stale items of " + list + " (negative indexes, and index " + fromIndex + " and above)";
    try {
      List<WriteRequest> deletes = new ArrayList<>();
      for (Map<String, AttributeValue> key : keys.join()) {
        deletes.add(
            WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
      }
      for (int start = 0; start < deletes.size(); start += BATCH) {
        List<WriteRequest> batch = deletes.subList(start, Math.min(deletes.size(), start + BATCH));
        StateTable.BatchResult result = table.batchWrite(list.tableName(), batch);
        if (result.failure() != null) {
          throw result.failure();
        }
        if (!result.pending().isEmpty()) {
          throw new StateDataException(
              "DynamoDB left " + stale + " undeleted after all BatchWriteItem retries (throttled)");
        }
      }
    } catch (CompletionException | SdkException failure) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof StateDataAccessException access && access.getCause() != null) {
        cause = access.getCause();
      }
      throw new StateDataAccessException(
          "Deleting " + stale + " failed; the new list was fully written", cause);
    }
  }
}
