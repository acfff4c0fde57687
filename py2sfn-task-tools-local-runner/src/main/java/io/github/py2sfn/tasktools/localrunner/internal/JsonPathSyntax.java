package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of Jayway's JsonPath syntax that Step Functions supports, checked before Jayway compiles
 * a path. The "Paths" page
 * (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html) excludes
 * functions such as {@code length()}, lexical operators such as {@code subsetof}, and filtering by
 * regular expression or by another value in the JSON structure. Each inline filter {@code [?(...)]}
 * is taken out of the path, so that the caller can apply it to objects only: "The @ operator,
 * matching the current node being processed in a filter, does not match scalar values."
 *
 * @param path the path with each filter replaced by Jayway's placeholder {@code [?]}
 * @param filters the filters taken out, in order, each as {@code [?(...)]}
 */
record JsonPathSyntax(String path, List<String> filters) {

  /** Jayway's non-symbolic filter operators. */
  private static final Set<String> LEXICAL_OPERATORS =
      Set.of(
          "in",
          "nin",
          "subsetof",
          "anyof",
          "noneof",
          "size",
          "empty",
          "contains",
          "all",
          "exists",
          "type",
          "matches");

  JsonPathSyntax {
    filters = List.copyOf(filters);
  }

  /**
   * Checks a path and takes its filters out.
   *
   * @param path a JsonPath starting with {@code $}
   * @throws IllegalArgumentException naming what Step Functions does not support
   */
  static JsonPathSyntax check(String path) {
    StringBuilder rest = new StringBuilder();
    List<String> filters = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      int filterEnd = c == '[' ? filterEnd(path, i) : -1;
      if (c == '\'' || c == '"') {
        int end = quoteEnd(path, i);
        rest.append(path, i, end);
        i = end;
      } else if (filterEnd > 0) {
        String filter = path.substring(i, filterEnd);
        checkFilter(filter);
        filters.add(filter);
        rest.append("[?]");
        i = filterEnd;
      } else {
        if (c == '(' && i > 0 && isNamePart(path.charAt(i - 1))) {
          throw function();
        }
        rest.append(c);
        i++;
      }
    }
    return new JsonPathSyntax(rest.toString(), filters);
  }

  private static void checkFilter(String filter) {
    int i = filter.indexOf('(') + 1;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (c == '\'' || c == '"') {
        i = quoteEnd(filter, i);
        continue;
      }
      if (c == '=' && i + 1 < filter.length() && filter.charAt(i + 1) == '~') {
        throw new IllegalArgumentException("filtering by regular expression (=~) is not supported");
      }
      if (c == '$') {
        throw new IllegalArgumentException(
            "filtering by another value in the JSON structure ($) is not supported");
      }
      if (c == '(' && isNamePart(filter.charAt(i - 1))) {
        throw function();
      }
      if (Character.isLetter(c) && Character.isWhitespace(filter.charAt(i - 1))) {
        int end = i;
        while (end < filter.length() && isNamePart(filter.charAt(end))) {
          end++;
        }
        String word = filter.substring(i, end);
        if (LEXICAL_OPERATORS.contains(word.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "lexical operators such as subsetof are not supported (found '" + word + "')");
        }
        i = end;
        continue;
      }
      i++;
    }
  }

  private static IllegalArgumentException function() {
    return new IllegalArgumentException("functions such as length() are not supported");
  }

  /**
   * The index after the {@code ]} of a filter {@code [?(...)]} starting at {@code start}, or -1
   * when none starts there (or it does not end; Jayway then reports the path).
   */
  private static int filterEnd(String path, int start) {
    int i = skipSpaces(path, start + 1);
    if (i >= path.length() || path.charAt(i) != '?') {
      return -1;
    }
    i = skipSpaces(path, i + 1);
    if (i >= path.length() || path.charAt(i) != '(') {
      return -1;
    }
    int depth = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '\'' || c == '"') {
        i = quoteEnd(path, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        int close = skipSpaces(path, i + 1);
        return close < path.length() && path.charAt(close) == ']' ? close + 1 : -1;
      }
      i++;
    }
    return -1;
  }

  /** The index after the quote closing the one at {@code start} (backslash escapes skipped). */
  private static int quoteEnd(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return text.length();
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
