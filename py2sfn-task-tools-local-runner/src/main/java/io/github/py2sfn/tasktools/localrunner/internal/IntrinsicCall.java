package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A parsed intrinsic function call such as {@code States.Format('Hello {}', $.name)}: the argument
 * grammar is ASL's own (single-quoted strings with backslash escapes, numbers, booleans, null,
 * paths and nested calls). Which functions exist, and what they compute, is {@link
 * IntrinsicFunctions}'.
 */
final class IntrinsicCall {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** "You can nest up to 10 intrinsic functions within a field": the calls of one field. */
  private static final int MAX_CALLS = 10;

  private sealed interface Argument permits Literal, StringLiteral, PathArgument, Call {}

  private record Literal(JsonNode value) implements Argument {}

  /**
   * Keeps the raw text too: in a {@code States.Format} template an escaped brace is not a
   * placeholder.
   */
  private record StringLiteral(String raw, String value) implements Argument {}

  private record PathArgument(JsonPathExpression path) implements Argument {}

  private record Call(IntrinsicFunction function, List<Argument> arguments) implements Argument {}

  private final Call call;
  private final ObjectMapper mapper;

  private IntrinsicCall(Call call, ObjectMapper mapper) {
    this.call = call;
    this.mapper = mapper;
  }

  static boolean looksLikeCall(String text) {
    return text.startsWith("States.");
  }

  /**
   * Parses a call.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static IntrinsicCall parse(String text, Configuration configuration, ObjectMapper mapper) {
    Parser parser = new Parser(text, configuration);
    Call call = parser.call();
    parser.skipSpaces();
    if (parser.position != text.length()) {
      throw new IllegalArgumentException(
          "unexpected text after the call at character " + parser.position + " of '" + text + "'");
    }
    // The guide counts every call of a field: its example of nine nested functions has five
    // levels.
    if (parser.calls > MAX_CALLS) {
      throw new IllegalArgumentException(
          "a field nests at most "
              + MAX_CALLS
              + " intrinsic functions, and this one has "
              + parser.calls);
    }
    return new IntrinsicCall(call, mapper);
  }

  /** The name of the function called ({@code States.Format}); nested calls are its arguments. */
  String functionName() {
    return call.function().name();
  }

  /**
   * Evaluates the call.
   *
   * @param field the template field, for the failure's cause
   * @throws StateFailure {@code States.IntrinsicFailure} for arguments a function rejects
   */
  JsonNode evaluate(Bindings bindings, String field) {
    return evaluate(call, bindings, field);
  }

  private JsonNode evaluate(Call call, Bindings bindings, String field) {
    List<JsonNode> values = new ArrayList<>(call.arguments().size());
    List<@Nullable String> rawStrings = new ArrayList<>(call.arguments().size());
    for (Argument argument : call.arguments()) {
      values.add(value(argument, bindings, field));
      rawStrings.add(argument instanceof StringLiteral literal ? literal.raw() : null);
    }
    IntrinsicFunction function = call.function();
    try {
      return function
          .implementation()
          .apply(
              new IntrinsicFunction.Arguments(function.name(), field, values, rawStrings, mapper));
    } catch (StateFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StateFailure(
          IntrinsicFunction.FAILURE,
          "Invalid arguments in " + function.name() + " (field " + field + "): " + e.getMessage());
    }
  }

  private JsonNode value(Argument argument, Bindings bindings, String field) {
    if (argument instanceof Literal literal) {
      return literal.value();
    }
    if (argument instanceof StringLiteral string) {
      return NODES.stringNode(string.value());
    }
    if (argument instanceof PathArgument path) {
      return path.path().read(bindings, field);
    }
    return evaluate((Call) argument, bindings, field);
  }

  /** Recursive-descent parser for one call. */
  private static final class Parser {

    private final String text;
    private final Configuration configuration;
    private int position;
    private int calls;

    Parser(String text, Configuration configuration) {
      this.text = text;
      this.configuration = configuration;
    }

    Call call() {
      skipSpaces();
      int open = text.indexOf('(', position);
      if (open < 0) {
        throw error("expected '(' after the function name");
      }
      String name = text.substring(position, open).trim();
      IntrinsicFunction function = IntrinsicFunctions.named(name);
      if (function == null) {
        throw new IllegalArgumentException("unknown intrinsic function '" + name + "'");
      }
      calls++;
      position = open + 1;
      List<Argument> arguments = new ArrayList<>();
      skipSpaces();
      if (peek() == ')') {
        position++;
      } else {
        while (true) {
          arguments.add(argument());
          skipSpaces();
          char c = peek();
          position++;
          if (c == ')') {
            break;
          }
          if (c != ',') {
            throw error("expected ',' or ')'");
          }
        }
      }
      if (!function.accepts(arguments.size())) {
        throw new IllegalArgumentException(
            name + " takes " + function.arity() + " arguments, not " + arguments.size());
      }
      if (function.pathArguments()
          && !arguments.stream().allMatch(argument -> argument instanceof PathArgument)) {
        throw new IllegalArgumentException(
            name + " takes paths as arguments, not literals or calls");
      }
      return new Call(function, List.copyOf(arguments));
    }

    private Argument argument() {
      skipSpaces();
      char c = peek();
      if (c == '\'') {
        return string();
      }
      if (c == '$') {
        String path = pathText();
        try {
          return new PathArgument(JsonPathExpression.compile(path, configuration));
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage());
        }
      }
      if (text.startsWith("States.", position)) {
        return call();
      }
      int start = position;
      while (position < text.length() && ",) ".indexOf(text.charAt(position)) < 0) {
        position++;
      }
      String token = text.substring(start, position);
      switch (token) {
        case "true":
          return new Literal(NODES.booleanNode(true));
        case "false":
          return new Literal(NODES.booleanNode(false));
        case "null":
          return new Literal(NODES.nullNode());
        default:
          try {
            BigDecimal number = new BigDecimal(token);
            if (number.scale() > 0) {
              return new Literal(NODES.numberNode(number));
            }
            BigInteger integer = number.toBigIntegerExact();
            return new Literal(
                integer.bitLength() < 32
                    ? NODES.numberNode(integer.intValue())
                    : integer.bitLength() < 64
                        ? NODES.numberNode(integer.longValue())
                        : NODES.numberNode(integer));
          } catch (NumberFormatException | ArithmeticException e) {
            position = start;
            throw error("unexpected argument '" + token + "'");
          }
      }
    }

    private StringLiteral string() {
      int start = ++position;
      StringBuilder value = new StringBuilder();
      while (position < text.length()) {
        char c = text.charAt(position);
        if (c == '\\' && position + 1 < text.length()) {
          value.append(text.charAt(position + 1));
          position += 2;
        } else if (c == '\'') {
          String raw = text.substring(start, position++);
          return new StringLiteral(raw, value.toString());
        } else {
          value.append(c);
          position++;
        }
      }
      throw error("unterminated string");
    }

    /** A path ends at a comma or closing parenthesis outside brackets and quotes. */
    private String pathText() {
      int start = position;
      int depth = 0;
      char quote = 0;
      while (position < text.length()) {
        char c = text.charAt(position);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[' || c == '(') {
          depth++;
        } else if (c == ']' || (c == ')' && depth > 0)) {
          depth--;
        } else if (depth == 0 && (c == ',' || c == ')')) {
          break;
        }
        position++;
      }
      return text.substring(start, position).trim();
    }

    void skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private char peek() {
      if (position >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(position);
    }

    private IllegalArgumentException error(String why) {
      return new IllegalArgumentException(why + " at character " + position + " of '" + text + "'");
    }
  }
}
