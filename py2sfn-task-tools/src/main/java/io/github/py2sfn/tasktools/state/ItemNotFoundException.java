package io.github.py2sfn.tasktools.state;

/** Thrown when no item is stored at the requested table, partition key and index. */
public class ItemNotFoundException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final ItemLocation location;

  /**
   * Creates the exception for a location.
   *
   * @param location where the item was looked for
   */
  public ItemNotFoundException(ItemLocation location) {
    super("No state data item found at " + location);
    this.location = location;
  }

  /**
   * Returns where the item was looked for.
   *
   * @return the table, partition key and index
   */
  public ItemLocation location() {
    return location;
  }
}
