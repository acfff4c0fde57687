package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.state.ConcurrentListWriteException;
import io.github.py2sfn.tasktools.state.ItemSerializationException;
import io.github.py2sfn.tasktools.state.ItemsNotWrittenException;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Writes a list as a pipeline: each element is converted (and offloaded) in parallel, and the
 * thread that completes a batch of 25 sends it, so memory holds only the batches in flight. Once
 * every element is converted, the elements left from an earlier, longer list are looked up (they
 * lie beyond this list's indexes, so the writes never touch them) while the last batches are
 * written, and deleted once all elements are written. An element that cannot be converted costs no
 * look-up.
 *
 * <p>Concurrent calls for the same list (a Step Functions retry while the first attempt still runs)
 * never mix their lists. Each call has a generation, ordered by start time, stored in every element
 * it writes. Before its first write it claims the list by writing the list's generation item (under
 * a partition key of its own), unless that holds a newer generation. Its puts are
 * TransactWriteItems calls, each put on condition that the stored element is not of a newer
 * generation, and its deletes of stale elements on condition that they are of an older one: a call
 * whose condition fails stops. Once its writes are done, the call reads the generation item back:
 * if a newer call claimed the list meanwhile, that call may have looked up the stale elements
 * before some of this call's writes beyond its list landed, so this call deletes the elements of
 * its own generation. Either way the older call throws {@link ConcurrentListWriteException}, and
 * the list stored is the newer one's, whole. No item is shared by the transactions of one call, so
 * they never conflict with each other. Offloaded elements go to S3 keys of their generation, so an
 * older call's upload never replaces the object a newer call's item points to.
 */
final class ListWriter {

  private static final int BATCH = StateTable.MAX_BATCH_SIZE;

  private static final AtomicLong LAST_MILLIS = new AtomicLong();

  private final StateTable table;
  private final ItemStore items;
  private final BoundedParallel parallel;
  private final Executor executor;
  private final int streamChunk;

  /**
   * @param maxConcurrency the parallel calls of one write: a streamed list is pulled two batches
   *     per parallel call at a time, which keeps every call busy within a chunk
   */
  ListWriter(
      StateTable table,
      ItemStore items,
      BoundedParallel parallel,
      Executor executor,
      int maxConcurrency) {
    this.table = table;
    this.items = items;
    this.parallel = parallel;
    this.executor = executor;
    this.streamChunk = 2 * BATCH * maxConcurrency;
  }

  /**
   * A new generation: the start time in epoch milliseconds, zero-padded and increasing within this
   * JVM, then a random suffix that sets apart calls of other JVMs started in the same millisecond.
   * Generations compare as strings.
   */
  static String nextGeneration() {
    long now = System.currentTimeMillis();
    long millis = LAST_MILLIS.updateAndGet(last -> Math.max(last + 1, now));
    return String.format("%013d-%08x", millis, ThreadLocalRandom.current().nextInt());
  }

  /** The claim of the list for one call, made once by whichever thread needs it first. */
  private final class Claim {
    private final ListLocation list;
    private final String generation;
    private final long expiresAt;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Boolean> claimed = new CompletableFuture<>();

    Claim(ListLocation list, String generation, long expiresAt) {
      this.list = list;
      this.generation = generation;
      this.expiresAt = expiresAt;
    }

    /**
     * Claims the list, or waits for the claim.
     *
     * @return {@code false} if a newer call holds the list
     * @throws StateDataAccessException if the claim failed
     */
    boolean await() {
      if (started.compareAndSet(false, true)) {
        try {
          claimed.complete(
              table.claimGeneration(list.tableName(), list.partitionKey(), generation, expiresAt));
        } catch (RuntimeException failure) {
          claimed.completeExceptionally(failure);
        }
      }
      try {
        return claimed.join();
      } catch (CompletionException failure) {
        throw (RuntimeException) failure.getCause();
      }
    }

    /** Why the claim failed, {@code null} if it was not made or did not fail. */
    @Nullable RuntimeException failure() {
      if (!claimed.isCompletedExceptionally()) {
        return null;
      }
      try {
        claimed.join();
        return null;
      } catch (CompletionException failure) {
        return (RuntimeException) failure.getCause();
      }
    }
  }

  /** What one call shares among its threads. */
  private record Call(
      ListLocation list,
      String generation,
      Claim claim,
      AtomicBoolean superseded,
      SortedMap<Integer, Throwable> notWritten,
      SortedMap<Integer, Throwable> outcomeUnknown,
      java.util.Set<Integer> sent,
      OperationTally tally) {}

  /**
   * Writes the elements at indexes {@code 0..n-1} and deletes the list's items from {@code n} on.
   *
   * @throws ItemsNotWrittenException if some elements were not written, naming their indexes
   * @throws ConcurrentListWriteException if a newer call for the same list took it over
   */
  void write(ListLocation list, List<?> elements, OperationTally tally) {
    Object[] values = elements.toArray();
    // One chunk: every element is checked before any AWS call.
    write(
        list,
        Arrays.asList(values).iterator(),
        Math.max(values.length, 1),
        nextGeneration(),
        tally);
  }

  /**
   * Writes the elements an iterator gives, in chunks of {@link #streamChunk} elements, so that
   * memory holds one chunk of elements and their items, whatever the list's size. Otherwise as
   * {@link #write(ListLocation, List, OperationTally)}; an element whose S3 key would be too long
   * fails the call before the writes of its chunk.
   *
   * @param generation the call's generation, from {@link #nextGeneration()}
   * @return how many elements were written
   */
  int write(ListLocation list, Iterator<?> elements, String generation, OperationTally tally) {
    return write(list, elements, streamChunk, generation, tally);
  }

  private int write(
      ListLocation list,
      Iterator<?> elements,
      int chunkSize,
      String generation,
      OperationTally tally) {
    long expiresAt = items.expiresAt();
    Call call =
        new Call(
            list,
            generation,
            new Claim(list, generation, expiresAt),
            new AtomicBoolean(),
            new ConcurrentSkipListMap<>(),
            new ConcurrentSkipListMap<>(),
            java.util.concurrent.ConcurrentHashMap.newKeySet(),
            tally);
    SortedMap<Integer, Throwable> notWritten = call.notWritten();
    SortedMap<Integer, Throwable> outcomeUnknown = call.outcomeUnknown();
    CompletableFuture<List<Map<String, AttributeValue>>> staleKeys = new CompletableFuture<>();
    int count = 0;
    boolean last;
    do {
      Object[] chunk = pull(elements, chunkSize);
      last = chunk.length < chunkSize || !elements.hasNext();
      checkOffloadable(list, chunk, count, generation);
      writeChunk(call, chunk, count, last, expiresAt, staleKeys);
      count += chunk.length;
    } while (!last && !call.superseded().get());
    if (!call.superseded().get() && !call.sent().isEmpty()) {
      // A newer call that claimed the list before now saw every element written so far.
      String stored;
      try {
        stored = table.storedGeneration(list.tableName(), list.partitionKey());
      } catch (StateDataAccessException unreadable) {
        throw new StateDataAccessException(
            "Reading the generation item of the list at "
                + list
                + " back failed after its elements were written, so whether a newer putAll of"
                + " the list started meanwhile is unknown",
            unreadable.getCause());
      }
      if (!generation.equals(stored)) {
        call.superseded().set(true);
      }
    }
    if (call.superseded().get()) {
      withdraw(call);
      throw new ConcurrentListWriteException(list.tableName(), list.partitionKey());
    }
    if (!notWritten.isEmpty() || !outcomeUnknown.isEmpty()) {
      throw new ItemsNotWrittenException(
          list.tableName(),
          list.partitionKey(),
          new ArrayList<>(notWritten.keySet()),
          new ArrayList<>(outcomeUnknown.keySet()),
          (notWritten.isEmpty() ? outcomeUnknown : notWritten).values().iterator().next());
    }
    deleteStale(call, count, staleKeys);
    return count;
  }

  private static Object[] pull(Iterator<?> elements, int chunkSize) {
    List<Object> chunk = new ArrayList<>(chunkSize);
    while (chunk.size() < chunkSize && elements.hasNext()) {
      chunk.add(elements.next());
    }
    return chunk.toArray();
  }

  /**
   * Converts and writes the elements of one chunk, starting at list index {@code offset}, as a
   * pipeline: the thread that completes a batch sends it. After the last chunk's elements are
   * converted, the stale elements are looked up while its last batches are written.
   */
  private void writeChunk(
      Call call,
      Object[] values,
      int offset,
      boolean last,
      long expiresAt,
      CompletableFuture<List<Map<String, AttributeValue>>> staleKeys) {
    ListLocation list = call.list();
    SortedMap<Integer, Throwable> notWritten = call.notWritten();
    int count = values.length;
    int batches = (count + BATCH - 1) / BATCH;
    AtomicReferenceArray<Map<String, AttributeValue>> prepared = new AtomicReferenceArray<>(count);
    AtomicIntegerArray unpreparedInBatch = new AtomicIntegerArray(batches);
    for (int batch = 0; batch < batches; batch++) {
      unpreparedInBatch.set(batch, batchEnd(batch, count) - batch * BATCH);
    }
    AtomicInteger unprepared = new AtomicInteger(count);
    if (last && count == 0) {
      lookUpStale(call, offset, staleKeys);
    }
    parallel
        .forEach(
            count,
            index -> {
              try {
                if (!call.superseded().get()) {
                  prepared.set(
                      index,
                      items.prepare(
                          list.element(offset + index),
                          values[index],
                          expiresAt,
                          call.generation(),
                          call.tally()));
                }
              } catch (RuntimeException failure) {
                notWritten.put(offset + index, failure);
              } finally {
                // The element is no longer needed once its item is built.
                values[index] = null;
                if (unprepared.decrementAndGet() == 0 && last && notWritten.isEmpty()) {
                  lookUpStale(call, offset + count, staleKeys);
                }
                int batch = index / BATCH;
                if (unpreparedInBatch.decrementAndGet(batch) == 0) {
                  writeBatch(call, batch, count, prepared);
                }
              }
            },
            false)
        .forEach((index, failure) -> notWritten.putIfAbsent(offset + index, failure));
  }

  /**
   * Rejects the whole list before any AWS call when an element would need offloading but its index
   * makes its S3 key too long. Only lists whose partition key leaves room for few index digits pay
   * for converting those elements twice.
   */
  private void checkOffloadable(ListLocation list, Object[] values, int offset, String generation) {
    long first =
        ItemFormat.firstIndexWithoutS3Key(list.tableName(), list.partitionKey(), generation);
    for (long index = Math.max(first, offset); index < offset + values.length; index++) {
      try {
        items.checkOffloadable(
            list.element((int) index), values[(int) (index - offset)], generation);
      } catch (ItemSerializationException unserializable) {
        // The pipeline reports it among the elements not written.
      }
    }
  }

  /**
   * Looks up the stale items on the executor, or on this thread when the executor refuses, once the
   * list is claimed: an older call's writes that land later are refused, and those that landed
   * before are found.
   */
  private void lookUpStale(
      Call call, int fromIndex, CompletableFuture<List<Map<String, AttributeValue>>> keys) {
    ListLocation list = call.list();
    Runnable lookUp =
        () -> {
          try {
            if (!call.claim().await()) {
              call.superseded().set(true);
              keys.complete(List.of());
              return;
            }
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

  /** Writes one batch of a chunk; {@code prepared} holds the chunk's items. */
  private void writeBatch(
      Call call, int batch, int count, AtomicReferenceArray<Map<String, AttributeValue>> prepared) {
    ListLocation list = call.list();
    List<List<TransactWriteItem>> transactions = new ArrayList<>();
    List<TransactWriteItem> current = new ArrayList<>(BATCH);
    long bytes = 0;
    for (int index = batch * BATCH; index < batchEnd(batch, count); index++) {
      Map<String, AttributeValue> item = prepared.getAndSet(index, null);
      if (item != null) {
        long size = ItemFormat.size(item);
        if (!current.isEmpty() && bytes + size > StateTable.MAX_TRANSACTION_BYTES) {
          transactions.add(current);
          current = new ArrayList<>(BATCH);
          bytes = 0;
        }
        current.add(
            TransactWriteItem.builder()
                .put(
                    Put.builder()
                        .tableName(list.tableName())
                        .item(item)
                        .conditionExpression("attribute_not_exists(#gen) OR #gen <= :gen")
                        .expressionAttributeNames(GENERATION_NAME)
                        .expressionAttributeValues(generationValue(call.generation()))
                        .build())
                .build());
        bytes += size;
      }
    }
    if (current.isEmpty()) {
      return;
    }
    transactions.add(current);
    boolean claimed;
    try {
      claimed = call.claim().await();
    } catch (StateDataAccessException notClaimed) {
      transactions.forEach(
          writes -> writes.forEach(write -> call.notWritten().put(index(write), notClaimed)));
      return;
    }
    if (!claimed) {
      call.superseded().set(true);
    }
    for (List<TransactWriteItem> writes : transactions) {
      if (call.superseded().get()) {
        return;
      }
      writeTransaction(call, writes);
    }
  }

  private void writeTransaction(Call call, List<TransactWriteItem> writes) {
    writes.forEach(write -> call.sent().add(index(write)));
    StateTable.TransactResult result = table.transactWrite(call.list().tableName(), writes);
    if (result.superseded()) {
      call.superseded().set(true);
      return;
    }
    call.tally().items(writes.size() - result.pending().size() - result.unsent().size());
    Throwable unprocessed =
        result.failure() != null
            ? result.failure()
            : new StateDataException(
                Thread.currentThread().isInterrupted()
                    ? "Interrupted before DynamoDB wrote the item"
                    : "DynamoDB cancelled the item's write after all TransactWriteItems retries"
                        + " (throttled)");
    result.unsent().forEach(write -> call.notWritten().put(index(write), unprocessed));
    if (result.failure() == null
        || (result.failure() instanceof SdkServiceException
            && !(result.failure() instanceof TransactionInProgressException))
        || result.failure() instanceof InvocationDeadlineExceededException) {
      result.pending().forEach(write -> call.notWritten().put(index(write), unprocessed));
    } else if (!result.pending().isEmpty()) {
      reconcile(call, result.pending(), result.failure());
    }
  }

  /**
   * Finds out whether a call whose outcome is unknown (its connection reset, its response lost) was
   * applied, by reading its items back: an item stored exactly as sent was written. When the read
   * fails too, their outcome stays unknown.
   */
  private void reconcile(Call call, List<TransactWriteItem> writes, SdkException lost) {
    ListLocation list = call.list();
    int first = index(writes.get(0));
    int last = index(writes.get(writes.size() - 1));
    Map<Integer, Map<String, AttributeValue>> stored = new HashMap<>();
    try {
      for (Map<String, AttributeValue> item :
          table.query(list.tableName(), list.partitionKey(), first, last, false)) {
        stored.put(ItemFormat.index(item), item);
      }
    } catch (StateDataAccessException unreadable) {
      writes.forEach(write -> call.outcomeUnknown().put(index(write), lost));
      return;
    }
    for (TransactWriteItem write : writes) {
      if (write.put().item().equals(stored.get(index(write)))) {
        call.tally().items(1);
      } else {
        call.notWritten().put(index(write), lost);
      }
    }
  }

  private static int index(TransactWriteItem write) {
    return ItemFormat.index(write.put() != null ? write.put().item() : write.delete().key());
  }

  private static int batchEnd(int batch, int count) {
    return Math.min(count, (batch + 1) * BATCH);
  }

  private void deleteStale(
      Call call, int fromIndex, CompletableFuture<List<Map<String, AttributeValue>>> keys) {
    ListLocation list = call.list();
    String stale =
        "stale items of " + list + " (negative indexes, and index " + fromIndex + " and above)";
    List<Map<String, AttributeValue>> found;
    try {
      found = keys.join();
    } catch (CompletionException failure) {
      RuntimeException notClaimed = call.claim().failure();
      if (notClaimed != null) {
        // Only an empty list gets here unclaimed: nothing was written.
        throw notClaimed;
      }
      throw deleteFailed(stale, failure.getCause());
    }
    if (call.superseded().get()) {
      throw new ConcurrentListWriteException(list.tableName(), list.partitionKey());
    }
    List<TransactWriteItem> deletes = new ArrayList<>();
    for (Map<String, AttributeValue> key : found) {
      deletes.add(
          TransactWriteItem.builder()
              .delete(
                  Delete.builder()
                      .tableName(list.tableName())
                      .key(key)
                      .conditionExpression("attribute_not_exists(#gen) OR #gen < :gen")
                      .expressionAttributeNames(GENERATION_NAME)
                      .expressionAttributeValues(generationValue(call.generation()))
                      .build())
              .build());
    }
    for (int start = 0; start < deletes.size(); start += BATCH) {
      List<TransactWriteItem> batch =
          deletes.subList(start, Math.min(deletes.size(), start + BATCH));
      StateTable.TransactResult result = table.transactWrite(list.tableName(), batch);
      if (result.superseded()) {
        // A newer call wrote one of them: it owns the list, and deletes what is stale for it.
        throw new ConcurrentListWriteException(list.tableName(), list.partitionKey());
      }
      if (result.failure() != null) {
        throw deleteFailed(stale, result.failure());
      }
      if (!result.pending().isEmpty() || !result.unsent().isEmpty()) {
        throw new StateDataException(
            "DynamoDB left "
                + stale
                + " undeleted after all TransactWriteItems retries (throttled)");
      }
    }
  }

  /**
   * Deletes the elements of this call's generation, once a newer call took the list over: those
   * beyond the newer list may have landed after the newer call looked up the stale elements. The
   * newer call's elements are left alone. Failures are ignored: the newer call's list stays whole
   * except for elements beyond it, which readers of its pointer never read.
   */
  private void withdraw(Call call) {
    ListLocation list = call.list();
    List<Integer> written = new ArrayList<>(call.sent());
    parallel.forEach(
        written.size(),
        i -> {
          try {
            table.deleteIfGeneration(
                list.tableName(), list.partitionKey(), written.get(i), call.generation());
          } catch (SdkException ignored) {
            // See above.
          }
        },
        false);
  }

  private static final Map<String, String> GENERATION_NAME = Map.of("#gen", ItemFormat.GENERATION);

  private static Map<String, AttributeValue> generationValue(String generation) {
    return Map.of(":gen", AttributeValue.fromS(generation));
  }

  private static StateDataAccessException deleteFailed(String stale, Throwable failure) {
    Throwable cause = failure;
    if (cause instanceof StateDataAccessException access && access.getCause() != null) {
      cause = access.getCause();
    }
    return new StateDataAccessException(
        "Deleting " + stale + " failed; the new list was fully written", cause);
  }
}
