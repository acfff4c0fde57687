package io.github.py2sfn.tasktools.internal;

import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Describes Jackson failures without their messages, which may quote users' data. Map keys are data
 * too (a map keyed by customers' e-mail addresses), so a path shows them as {@code [*]}; only
 * property names of the types the code declares appear by name.
 */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * Describes a failure by its kind, JSON path and position.
   *
   * @param failure the Jackson failure
   * @return e.g. {@code MismatchedInputException at path $.lines[2].price (line 1, column 40)}, or
   *     {@code $.customers[*].age} where {@code customers} is a map
   */
  public static String describe(JacksonException failure) {
    StringBuilder description = new StringBuilder(failure.getClass().getSimpleName());
    if (!failure.getPath().isEmpty()) {
      description
          .append(" at path ")
          .append(
              failure.getPath().stream()
                  .map(JsonErrors::pathElement)
                  .collect(Collectors.joining("", "$", "")));
    }
    TokenStreamLocation position = failure.getLocation();
    if (position != null && position.getLineNr() > 0) {
      description
          .append(" (line ")
          .append(position.getLineNr())
          .append(", column ")
          .append(position.getColumnNr())
          .append(')');
    }
    return description.toString();
  }

  private static String pathElement(JacksonException.Reference reference) {
    if (reference.getPropertyName() == null) {
      return "[" + reference.getIndex() + "]";
    }
    Object container = reference.from();
    return container instanceof Map || container instanceof JsonNode
        ? "[*]"
        : "." + reference.getPropertyName();
  }
}
