package io.github.py2sfn.tasktools.state;

/**
 * The kinds of {@link StateDataClient} operation a {@link StateDataObserver} hears about. Local and
 * global variants, and the Map-iteration helpers, count as the operation they perform.
 */
public enum StateDataOperation {

  /**
   * {@code put}, and the Python vocabulary's {@code putItem}, {@code putGlobalItem} and
   * Map-iteration puts.
   */
  PUT_ITEM("put_item"),

  /**
   * {@code putAll}, {@code putItems}, {@code putGlobalItems} and {@code putAllForDistributedMap}
   * (whose JSON Lines object counts as one object written to S3).
   */
  PUT_ITEMS("put_items"),

  /**
   * {@code get}, {@code getOrNull}, {@code getItem}, {@code getGlobalItem} and the Map-iteration
   * gets.
   */
  GET_ITEM("get_item"),

  /** {@code getAll}, {@code getItems} and {@code getGlobalItems}. */
  GET_ITEMS("get_items");

  private final String tagValue;

  StateDataOperation(String tagValue) {
    this.tagValue = tagValue;
  }

  /**
   * Returns the operation's name in the Python original's spelling, for metric tags.
   *
   * @return e.g. {@code put_items}
   */
  public String tagValue() {
    return tagValue;
  }
}
