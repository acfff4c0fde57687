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

  List<Element> getItems(String key);

  void putItem(String key, Element element);

  Element getItem(String key);
}
