package io.github.py2sfn.tasktools.state;

import java.util.Objects;

/**
 * The address of one state data item, for {@link StateDataClient#put put} and {@link
 * StateDataClient#get get}: a {@linkplain #local local} key of the current execution, a {@linkplain
 * #global global} table and partition key, or what a pointer or a Map iteration event names.
 *
 * <pre>{@code
 * stateData.put(ItemRef.local("order"), order);                       // <execution>:order, index 0
 * Order order = stateData.get(ItemRef.of(orderPointer), Order.class); // the item a pointer names
 * Line line = stateData.get(ItemRef.of(mapEvent), Line.class);        // this Map iteration's element
 * }</pre>
 *
 * <p>A reference is only an address: the client checks it (key, table, partition key, index) in one
 * step before any AWS call, and throws {@link InvalidStateDataRequestException} naming what is
 * wrong.
 */
public sealed interface ItemRef permits ItemRef.Local, ItemRef.Global {

  /**
   * Returns the item's index within its partition key (its {@code sort_key}).
   *
   * @return the index, {@code 0} for single items
   */
  int index();

  /**
   * Refers to index 0 of a local key.
   *
   * @param key the local key, scoped to the client's namespace (the execution name)
   * @return the reference
   */
  static ItemRef local(String key) {
    return new Local(key, 0);
  }

  /**
   * Refers to an index of a local key.
   *
   * @param key the local key, scoped to the client's namespace (the execution name)
   * @param index the index, {@code >= 0}
   * @return the reference
   */
  static ItemRef local(String key, int index) {
    return new Local(key, index);
  }

  /**
   * Refers to index 0 of a partition key in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @return the reference
   */
  static ItemRef global(String tableName, String partitionKey) {
    return new Global(tableName, partitionKey, 0);
  }

  /**
   * Refers to an index of a partition key in any table.
   *
   * @param tableName the table
   * @param partitionKey the full partition key
   * @param index the index, {@code >= 0}
   * @return the reference
   */
  static ItemRef global(String tableName, String partitionKey, int index) {
    return new Global(tableName, partitionKey, index);
  }

  /**
   * Refers to the item a pointer names: its table and partition key, at index 0 (the Python format
   * of a pointer has no index). Works in any execution, since the pointer holds the full partition
   * key.
   *
   * @param pointer what {@code put} or {@code putItem} returned
   * @return the reference
   */
  static ItemRef of(ItemPointer pointer) {
    Objects.requireNonNull(pointer, "pointer");
    return new Global(pointer.tableName(), pointer.partitionKey(), 0);
  }

  /**
   * Refers to the element of a Map iteration: index {@code context_index} of the event's table and
   * partition key when it names them (as a py2sfn Map state does, and as every iteration of a
   * Distributed Map needs, since child executions have names of their own), else of its local key
   * {@code items_result_key}.
   *
   * @param event the iteration's event
   * @return the reference
   * @throws InvalidStateDataRequestException if the event names neither
   */
  static ItemRef of(MapIterationEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.itemsResultTableName() != null && event.itemsResultPartitionKey() != null) {
      return new Global(
          event.itemsResultTableName(), event.itemsResultPartitionKey(), event.contextIndex());
    }
    return new Local(event.requireKey(), event.contextIndex());
  }

  /**
   * An item under a local key: partition key {@code <namespace>:<key>} in the client's default
   * table.
   *
   * @param key the local key
   * @param index the index
   */
  record Local(String key, int index) implements ItemRef {}

  /**
   * An item at a table and full partition key: what a local reference resolves to, and where every
   * exception of the client says it failed.
   *
   * @param tableName the DynamoDB table
   * @param partitionKey the item's partition key
   * @param index the index
   */
  record Global(String tableName, String partitionKey, int index) implements ItemRef {

    /** Names the item, for messages: table, partition key and index. */
    @Override
    public String toString() {
      return "table '" + tableName + "', partition key '" + partitionKey + "', index " + index;
    }
  }
}
