package io.github.py2sfn.tasktools.state;

/** Thrown when no item is stored at the requested table, partition key and index. */
public class ItemNotFoundException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final ItemRef.Global location;

  /**
   * Creates the exception for a location.
   *
   * @param location where the item was looked for
   */
  public ItemNotFoundException(ItemRef.Global location) {
    super("No state data item found at " + location);
    this.location = location;
  }

  /**
   * Returns where the item was looked for.
   *
   * @return the table, partition key and index
   */
  public ItemRef.Global location() {
    return location;
  }
}
