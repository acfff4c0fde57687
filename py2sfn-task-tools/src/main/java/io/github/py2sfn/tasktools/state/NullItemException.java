package io.github.py2sfn.tasktools.state;

/**
 * Thrown by {@link StateDataClient#get(ItemRef, Class) get} when the item exists but holds JSON
 * {@code null}. Read items that may be {@code null} with {@link StateDataClient#getOrNull(ItemRef,
 * Class) getOrNull}.
 */
public class NullItemException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final ItemRef.Global location;

  /**
   * Creates the exception for a location.
   *
   * @param location the item that holds {@code null}
   */
  public NullItemException(ItemRef.Global location) {
    super("The state data item at " + location + " holds JSON null: read it with getOrNull");
    this.location = location;
  }

  /**
   * Returns the item that holds {@code null}.
   *
   * @return the table, partition key and index
   */
  public ItemRef.Global location() {
    return location;
  }
}
