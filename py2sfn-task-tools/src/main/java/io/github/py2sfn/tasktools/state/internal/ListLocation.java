package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.ItemRef;
import java.util.OptionalInt;

/**
 * Where a list lives once its reference is checked: table and partition key, and its size when a
 * pointer recorded it.
 */
record ListLocation(String tableName, String partitionKey, OptionalInt size) {

  ItemRef.Global element(int index) {
    return new ItemRef.Global(tableName, partitionKey, index);
  }

  @Override
  public String toString() {
    return "table '" + tableName + "', partition key '" + partitionKey + "'";
  }
}
