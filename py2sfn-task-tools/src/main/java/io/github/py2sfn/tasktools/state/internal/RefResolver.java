package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.StateDataConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks every reference in one step, before any AWS call, and resolves it to a table, a full
 * partition key and an index: local keys need the default table and a namespace; global tables must
 * be valid DynamoDB names within the allowed tables; partition keys must fit DynamoDB's limit;
 * indexes must not be negative.
 */
final class RefResolver {

  private static final int MAX_PARTITION_KEY_BYTES = 2048;
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final @Nullable String defaultTable;
  private final Set<String> allowedGlobalTables;

  RefResolver(@Nullable String defaultTable, Set<String> allowedGlobalTables) {
    this.defaultTable = defaultTable;
    this.allowedGlobalTables = allowedGlobalTables;
  }

  ItemRef.Global resolve(ItemRef ref, @Nullable String namespace) {
    requireRef(ref);
    if (ref.index() < 0) {
      throw new InvalidStateDataRequestException(
          "Item index must be 0 or more, was " + ref.index());
    }
    if (ref instanceof ItemRef.Local local) {
      return new ItemRef.Global(
          defaultTable(), localPartitionKey(local.key(), namespace), local.index());
    }
    ItemRef.Global global = (ItemRef.Global) ref;
    return new ItemRef.Global(
        checkGlobalTable(global.tableName()),
        checkPartitionKey(global.partitionKey()),
        global.index());
  }

  ListLocation resolve(ListRef ref, @Nullable String namespace) {
    requireRef(ref);
    if (ref instanceof ListRef.Local local) {
      return new ListLocation(
          defaultTable(), localPartitionKey(local.key(), namespace), OptionalInt.empty());
    }
    if (ref instanceof ListRef.Global global) {
      return new ListLocation(
          checkGlobalTable(global.tableName()),
          checkPartitionKey(global.partitionKey()),
          OptionalInt.empty());
    }
    ListRef.Pointed pointed = (ListRef.Pointed) ref;
    return new ListLocation(
        checkGlobalTable(pointed.pointer().tableName()),
        checkPartitionKey(pointed.pointer().partitionKey()),
        OptionalInt.of(pointed.pointer().size()));
  }

  private static void requireRef(@Nullable Object ref) {
    if (ref == null) {
      throw new InvalidStateDataRequestException("State data reference must not be null");
    }
  }

  private String defaultTable() {
    if (defaultTable == null) {
      throw new StateDataConfigurationException(
          "Local state data operations need a default table, but none is configured:"
              + " set py2sfn.table-name (or StateDataClient.builder().tableName(...))");
    }
    return defaultTable;
  }

  private static String localPartitionKey(String key, @Nullable String namespace) {
    requireText(key, "key");
    if (namespace == null) {
      throw new StateDataConfigurationException(
          "Local key '"
              + key
              + "' needs a namespace (the execution name), but this StateDataClient has none:"
              + " use TaskContext.stateData() or StateDataClient.withNamespace(...)");
    }
    return checkPartitionKey(namespace + ":" + key);
  }

  private String checkGlobalTable(String tableName) {
    requireText(tableName, "table name");
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new InvalidStateDataRequestException(
          "Table name '"
              + tableName
              + "' is not a valid DynamoDB table name (3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.')");
    }
    if (!allowedGlobalTables.isEmpty()
        && !allowedGlobalTables.contains(tableName)
        && !tableName.equals(defaultTable)) {
      throw new InvalidStateDataRequestException(
          "Table '"
              + tableName
              + "' is not in the tables global state data operations may use"
              + " (py2sfn.allowed-global-tables)");
    }
    return tableName;
  }

  private static String checkPartitionKey(String partitionKey) {
    requireText(partitionKey, "partition key");
    int bytes = partitionKey.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PARTITION_KEY_BYTES) {
      throw new InvalidStateDataRequestException(
          "Partition key is "
              + bytes
              + " bytes of UTF-8, over DynamoDB's "
              + MAX_PARTITION_KEY_BYTES
              + "-byte limit (it starts with '"
              + partitionKey.substring(0, 64)
              + "')");
    }
    return partitionKey;
  }

  private static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidStateDataRequestException(
          "State data " + what + " must not be " + (value == null ? "null" : "blank"));
    }
    return value;
  }
}
