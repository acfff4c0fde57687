package io.github.py2sfn.tasktools.internal;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Describes Jackson failures without their messages, which may quote users' data. */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * Describes a failure by its kind, JSON path and position.
   *
   * @param failure the Jackson failure
   * @return e.g. {@code MismatchedInputException at path $.lines[2].price (line 1, column 40)}
   */
  public static String describe(JacksonException failure) {
    StringBuilder description = new StringBuilder(failure.getClass().getSimpleName());
    if (!failure.getPath().isEmpty()) {
      description
          .append(" at path ")
          .append(
              failure.getPath().stream()
                  .map(
                      reference ->
                          reference.getPropertyName() != null
                              ? "." + reference.getPropertyName()
                              : "[" + reference.getIndex() + "]")
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
}
