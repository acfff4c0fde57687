package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import java.util.List;

/**
 * One way of storing and loading state data: the library, the bare SDK, (the Python original runs
 * out of process).
 */
interface Contender {

  String name();

  /** The same contender (same clients, same threads) on another table. */
  Contender on(String table);

  void putItems(String key, List<Element> elements);

  List<Element> getItems(String key);

  void putItem(String key, Element element);

  Element getItem(String key);
}
