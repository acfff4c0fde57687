package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ASL reference path used as a {@code ResultPath}: it names one node, which is written (creating
 * missing objects on the way), so it may only use field names and array indexes. Jayway cannot
 * create intermediate objects.
 */
final class ReferencePath {

  /**
   * The error a ResultPath that cannot be applied fails with: an ordinary error, which Retry and
   * Catch handle (concepts-error-handling.html, Error names).
   */
  static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";

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
   * document). Missing fields on the way become objects; nothing else is replaced.
   *
   * @param where the state and field, for the cause: {@code State 'Work' field ResultPath}
   * @throws StateFailure {@code States.ResultPathMatchFailure} when the path cannot be applied to
   *     {@code root}: a field of something that is not an object, an index of something that is not
   *     an array or past its end
   */
  JsonNode set(JsonNode root, JsonNode value, String where) {
    if (segments.isEmpty()) {
      return value;
    }
    if (!root.isContainer()) {
      throw mismatch(where, "the input is " + root.getNodeType() + ", not an object");
    }
    JsonNode copy = root.deepCopy();
    JsonNode current = copy;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof String name) {
        if (!(current instanceof ObjectNode object)) {
          throw mismatch(where, "'" + name + "' is not inside an object");
        }
        if (last) {
          object.set(name, value);
        } else {
          JsonNode child = object.get(name);
          if (child == null) {
            child = object.putObject(name);
          } else if (!child.isContainer()) {
            throw mismatch(
                where, "'" + name + "' holds " + child.getNodeType() + ", not an object or array");
          }
          current = child;
        }
      } else {
        int index = (Integer) segment;
        if (!(current instanceof ArrayNode array) || index >= array.size()) {
          throw mismatch(where, "index " + index + " is not inside an array");
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

  private StateFailure mismatch(String where, String reason) {
    return new StateFailure(
        RESULT_PATH_MATCH_FAILURE, where + ": unable to apply '" + text + "': " + reason);
  }

  @Override
  public String toString() {
    return text;
  }
}
