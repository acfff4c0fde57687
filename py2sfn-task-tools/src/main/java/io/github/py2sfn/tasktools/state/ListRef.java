package io.github.py2sfn.tasktools.state;

/**
 * The address of a list stored one element per item, for {@link StateDataClient#putAll putAll} and
 * {@link StateDataClient#getAll getAll}: a {@linkplain #local local} key of the current execution,
 * a {@linkplain #global global} table and partition key, or what an {@link ItemsPointer} names.
 *
 * <pre>{@code
 * ItemsPointer lines = stateData.putAll(ListRef.local("lines"), order.lines());
 * // ... in a later task, in any execution:
 * List<Line> all = stateData.getAll(ListRef.of(lines), Line.class);
 * }</pre>
 *
 * <p>Reading {@linkplain #of through a pointer} uses the list size it records: the elements are
 * read with parallel range queries instead of one page after another.
 */
public sealed interface ListRef permits ListRef.Local, ListRef.Global, ListRef.Pointed {

  /**
   * Refers to the list under a local key.
   *
   * @param key the local key, scoped to the client's namespace (the execution name)
   * @return the reference
   */
  static ListRef local(String key) {
    return new Local(key);
  }

  /**
   * Refers to the list under a partition key in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @return the reference
   */
  static ListRef global(String tableName, String partitionKey) {
    return new Global(tableName, partitionKey);
  }

  /**
   * Refers to the list a pointer names, with its size.
   *
   * @param pointer what {@code putAll} or {@code putItems} returned
   * @return the reference
   */
  static ListRef of(ItemsPointer pointer) {
    return new Pointed(pointer);
  }

  /**
   * Refers to the list a Distributed Map pointer names, with its size.
   *
   * @param pointer what {@code putAllForDistributedMap} returned
   * @return the reference
   */
  static ListRef of(DistributedMapPointer pointer) {
    return new Pointed(
        ItemsPointer.of(
            pointer.tableName(), pointer.partitionKey(), pointer.key(), pointer.size()));
  }

  /**
   * Refers to one element of this list.
   *
   * @param index the element's index, {@code >= 0}
   * @return the reference to that element
   */
  ItemRef element(int index);

  /**
   * The list under a local key: partition key {@code <namespace>:<key>} in the default table.
   *
   * @param key the local key
   */
  record Local(String key) implements ListRef {

    @Override
    public ItemRef element(int index) {
      return ItemRef.local(key, index);
    }
  }

  /**
   * The list at a table and full partition key.
   *
   * @param tableName the DynamoDB table
   * @param partitionKey the list's partition key
   */
  record Global(String tableName, String partitionKey) implements ListRef {

    @Override
    public ItemRef element(int index) {
      return ItemRef.global(tableName, partitionKey, index);
    }
  }

  /**
   * The list a pointer names: its table, partition key and size. Reading it gives the elements at
   * indexes {@code 0} to {@code size - 1}.
   *
   * @param pointer the pointer
   */
  record Pointed(ItemsPointer pointer) implements ListRef {

    @Override
    public ItemRef element(int index) {
      return ItemRef.global(pointer.tableName(), pointer.partitionKey(), index);
    }
  }
}
