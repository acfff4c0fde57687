package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ASL reference path used as a {@code ResultPath}: it names one node, which is written (creating
 * missing objects on the way), so it may only use field names and array indexes. Jayway cannot
 * create intermediate objects.
 */
final class ReferencePath {

  // .name, ['name'] or ["name"], [index]
  private static final Pattern SEGMENT =
      Pattern.compile(
          "\\.([^.\\[\\]'\"*@?()]+)|\\[\\s*'([^']*)'\\s*]|\\[\\s*\"([^\"]*)\"\\s*]|\\[\\s*(\\d+)\\s*]");

  private final String text;
  private final List<Object> segments;

  private ReferencePath(String text, List<Object> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses a reference path.
   *
   * @throws IllegalArgumentException when it is not one (wildcards, filters, slices, deep scans,
   *     {@code $$})
   */
  static ReferencePath parse(String text) {
    if (!text.startsWith("$") || text.startsWith("$$")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a reference path: it must start with '$.'");
    }
    List<Object> segments = new ArrayList<>();
    Matcher matcher = SEGMENT.matcher(text);
    int position = 1;
    while (position < text.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a reference path: only field names and "
                + "array indexes are allowed (at character "
                + position
                + ")");
      }
      if (matcher.group(4) != null) {
        segments.add(Integer.parseInt(matcher.group(4)));
      } else {
        String name =
            matcher.group(1) != null
                ? matcher.group(1)
                : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
        segments.add(name);
      }
      position = matcher.end();
    }
    return new ReferencePath(text, List.copyOf(segments));
  }

  /**
   * Returns a copy of {@code root} with {@code value} at this path ({@code $} replaces the whole
   * document).
   */
  JsonNode set(JsonNode root, JsonNode value) {
    if (segments.isEmpty()) {
      return value;
    }
    JsonNode copy =
        root.isObject() || root.isArray() ? root.deepCopy() : JsonNodeFactory.instance.objectNode();
    if (!copy.isObject() && segments.get(0) instanceof String) {
      throw StateFailure.runtime(
          "Unable to apply ResultPath '" + text + "' to an input that is not an object");
    }
    JsonNode current = copy;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof String name) {
        if (!(current instanceof ObjectNode object)) {
          throw StateFailure.runtime(
              "Unable to apply ResultPath '" + text + "': '" + name + "' is not inside an object");
        }
        if (last) {
          object.set(name, value);
        } else {
          JsonNode child = object.get(name);
          if (child == null || !child.isContainer()) {
            child = object.putObject(name);
          }
          current = child;
        }
      } else {
        int index = (Integer) segment;
        if (!(current instanceof ArrayNode array) || index >= array.size()) {
          throw StateFailure.runtime(
              "Unable to apply ResultPath '"
                  + text
                  + "': index "
                  + index
                  + " is not inside an array");
        }
        if (last) {
          array.set(index, value);
        } else {
          current = array.get(index);
        }
      }
    }
    return copy;
  }

  @Override
  public String toString() {
    return text;
  }
}
