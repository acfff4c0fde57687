package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import java.util.List;

/**
 * One way of storing and loading state data: the library, the bare SDK, (the Python original runs
 * out of process).
 */
interface Contender {

  /** This library's name in the results. */
  String LIBRARY = "java-library";

  /** The bare AWS SDK baseline's name in the results. */
  String BARE_SDK = "bare-sdk";

  /** This library reading lists through their pointer ({@code getAll(ListRef.of(pointer))}). */
  String LIBRARY_POINTER = "java-library-pointer";

  /** The Python original's name in the results. */
  String PYTHON = "python-original";

  /** The state data namespace every contender writes under. */
  String NAMESPACE = "bench";

  String name();

  /** The table this contender writes to and reads from. */
  String table();

  /** The same contender (same clients, same threads) on another table. */
  Contender on(String table);

  void putItems(String key, List<Element> elements);

  /**
   * Loads the list stored under a key.
   *
   * @param count how many elements it has, as the pointer {@code putItems} returned records; only a
   *     contender that reads through the pointer uses it, the others page through a Query
   */
  List<Element> getItems(String key, int count);

  void putItem(String key, Element element);

  Element getItem(String key);
}
