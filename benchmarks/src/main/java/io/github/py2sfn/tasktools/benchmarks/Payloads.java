package io.github.py2sfn.tasktools.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark data: the same elements in Java and in the Python driver (the test emulator's
 * {@code py2sfn_original.py} builds them with the same rule), so every contender stores and loads
 * the same bytes.
 *
 * <p>An element is {@code {"index", "name", "tags", "values", "text"}} whose compact JSON is {@code
 * size} bytes: {@code text} is filled with ASCII to reach the size.
 */
public final class Payloads {

  /** The size of the small elements, in bytes of compact JSON. */
  static final int KB = 1024;

  /** The size of the large elements (offloaded to S3 by every contender). */
  static final int MB = 1024 * 1024;

  /** The element type the Java contenders read back. */
  public record Element(
      int index, String name, List<String> tags, List<Double> values, String text) {}

  private static final String FILLER =
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ";

  private Payloads() {}

  public static Element element(int index, int size) {
    List<Double> values = new ArrayList<>(8);
    for (int k = 0; k < 8; k++) {
      values.add(index * 0.5 + k);
    }
    Element empty =
        new Element(index, "element-" + index, List.of("alpha", "beta", "gamma"), values, "");
    int overhead = Json.MAPPER.writeValueAsBytes(empty).length;
    return new Element(
        empty.index(), empty.name(), empty.tags(), values, filler(Math.max(0, size - overhead)));
  }

  public static List<Element> elements(int count, int size) {
    List<Element> elements = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      elements.add(element(i, size));
    }
    return elements;
  }

  /**
   * Checks what a contender read back: the count, and the last element's index and size, so that a
   * contender cannot win by reading less.
   */
  static List<Element> verify(List<Element> elements, int count, int size) {
    if (elements.size() != count) {
      throw new IllegalStateException("read " + elements.size() + " elements, expected " + count);
    }
    Element last = elements.get(count - 1);
    if (last.index() != count - 1 || last.text().length() < size - 200) {
      throw new IllegalStateException("the last element read back is wrong: index " + last.index());
    }
    return elements;
  }

  static String filler(int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append(FILLER, 0, Math.min(FILLER.length(), length - text.length()));
    }
    return text.toString();
  }
}
