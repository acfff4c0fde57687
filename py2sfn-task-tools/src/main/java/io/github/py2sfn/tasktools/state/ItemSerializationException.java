package io.github.py2sfn.tasktools.state;

/**
 * Thrown when data cannot be converted to JSON before it is stored, or stored JSON cannot be
 * converted to the requested type. The message names the item and the type, never the data, and the
 * Jackson exception (whose message may quote the data) is deliberately not kept as a cause.
 */
public class ItemSerializationException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final ItemRef.Global location;

  /**
   * Creates the exception.
   *
   * @param message what could not be converted, naming the location and type
   * @param location the item being written or read
   */
  public ItemSerializationException(String message, ItemRef.Global location) {
    super(message);
    this.location = location;
  }

  /**
   * Returns the item being written or read.
   *
   * @return the item's location
   */
  public ItemRef.Global location() {
    return location;
  }
}
