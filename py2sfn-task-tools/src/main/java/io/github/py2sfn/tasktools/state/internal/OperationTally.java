package io.github.py2sfn.tasktools.state.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counts what one operation wrote or read, from all the threads it uses. */
final class OperationTally {

  private final LongAdder items = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder offloaded = new LongAdder();

  void items(int count) {
    items.add(count);
  }

  void bytes(long count) {
    bytes.add(count);
  }

  void offload() {
    offloaded.increment();
  }

  int items() {
    return items.intValue();
  }

  long bytes() {
    return bytes.sum();
  }

  int offloads() {
    return offloaded.intValue();
  }
}
