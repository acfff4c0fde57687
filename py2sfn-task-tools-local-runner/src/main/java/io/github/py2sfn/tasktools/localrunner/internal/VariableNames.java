package io.github.py2sfn.tasktools.localrunner.internal;

/**
 * Workflow variable names, as "Passing data between states with variables" defines them (Variable
 * name syntax): Unicode identifiers (UAX #31), an ID_Start character then ID_Continue ones, at most
 * 80 characters; {@code states} is reserved.
 */
final class VariableNames {

  static final int MAX_LENGTH = 80;
  static final String RESERVED = "states";

  private VariableNames() {}

  /** Why a name cannot be a variable's, or null when it can. */
  static @org.jspecify.annotations.Nullable String problem(String name) {
    if (name.equals(RESERVED)) {
      return "'$states' is reserved and cannot be assigned";
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return "a variable name has at most " + MAX_LENGTH + " characters";
    }
    if (name.isEmpty() || identifierLength(name, 0) != name.length()) {
      return "'"
          + name
          + "' is not a variable name (a Unicode identifier: a letter, then letters, digits or _)";
    }
    return null;
  }

  /**
   * The length of the identifier starting at {@code from} in {@code text}; 0 when there is none.
   */
  static int identifierLength(String text, int from) {
    if (from >= text.length() || !Character.isUnicodeIdentifierStart(text.codePointAt(from))) {
      return 0;
    }
    int end = from + Character.charCount(text.codePointAt(from));
    while (end < text.length()
        && Character.isUnicodeIdentifierPart(text.codePointAt(end))
        && !Character.isIdentifierIgnorable(text.codePointAt(end))) {
      end += Character.charCount(text.codePointAt(end));
    }
    return end - from;
  }
}
