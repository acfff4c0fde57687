package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.DistributedMapPointer;
import io.github.py2sfn.tasktools.state.S3ObjectLocation;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Writes a list for a Distributed Map: its elements through the list writer, streamed, then the
 * JSON Lines object of their Map-iteration events, under a key of the call's generation so that a
 * rewrite of the list never changes the object an earlier pointer names. The key and the bucket are
 * checked before any AWS call.
 */
final class DistributedMapWriter {

  private final ListWriter lists;
  private final OffloadStore s3;

  DistributedMapWriter(ListWriter lists, OffloadStore s3) {
    this.lists = lists;
    this.s3 = s3;
  }

  DistributedMapPointer write(
      ListLocation list, @Nullable String key, Iterator<?> elements, OperationTally tally) {
    String generation = ListWriter.nextGeneration();
    S3ObjectLocation itemReader =
        s3.itemReaderLocation(list, ItemReaderFormat.s3Key(list, generation));
    int count = lists.write(list, elements, generation, tally);
    s3.putItemReader(list, itemReader, new ItemReaderFormat(list, key, count));
    tally.offload();
    return new DistributedMapPointer(list.tableName(), list.partitionKey(), key, count, itemReader);
  }
}
