package io.github.py2sfn.tasktools.test.runner.internal;

import com.jayway.jsonpath.Configuration;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed intrinsic function call such as {@code States.Format('Hello {}', $.name)}: the argument
 * grammar is ASL's own (single-quoted strings with backslash escapes, numbers, booleans, null,
 * paths and nested calls).
 */
final class IntrinsicFunction {

  /** The error AWS reports when an intrinsic function fails at run time. */
  static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<String, int[]> ARITY =
      Map.ofEntries(
          Map.entry("States.Format", new int[] {1, Integer.MAX_VALUE}),
          Map.entry("States.StringToJson", new int[] {1, 1}),
          Map.entry("States.JsonToString", new int[] {1, 1}),
          Map.entry("States.Array", new int[] {0, Integer.MAX_VALUE}),
          Map.entry("States.ArrayPartition", new int[] {2, 2}),
          Map.entry("States.ArrayContains", new int[] {2, 2}),
          Map.entry("States.ArrayRange", new int[] {3, 3}),
          Map.entry("States.ArrayGetItem", new int[] {2, 2}),
          Map.entry("States.ArrayLength", new int[] {1, 1}),
          Map.entry("States.ArrayUnique", new int[] {1, 1}),
          Map.entry("States.Base64Encode", new int[] {1, 1}),
          Map.entry("States.Base64Decode", new int[] {1, 1}),
          Map.entry("States.Hash", new int[] {2, 2}),
          Map.entry("States.JsonMerge", new int[] {3, 3}),
          Map.entry("States.MathRandom", new int[] {2, 3}),
          Map.entry("States.MathAdd", new int[] {2, 2}),
          Map.entry("States.StringSplit", new int[] {2, 2}),
          Map.entry("States.UUID", new int[] {0, 0}));

  // JSON numbers compare by value: the literal 3 and an array's 3.0 or 3 of another node type are
  // equal.
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

  private sealed interface Argument permits Literal, StringLiteral, PathArgument, Call {}

  private record Literal(JsonNode value) implements Argument {}

  /**
   * Keeps the raw text too: in a {@code States.Format} template an escaped brace is not a
   * placeholder.
   */
  private record StringLiteral(String raw, String value) implements Argument {}

  private record PathArgument(JsonPathExpression path) implements Argument {}

  private record Call(String name, List<Argument> arguments) implements Argument {}

  private final Call call;
  private final ObjectMapper mapper;

  private IntrinsicFunction(Call call, ObjectMapper mapper) {
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
  static IntrinsicFunction parse(String text, Configuration configuration, ObjectMapper mapper) {
    Parser parser = new Parser(text, configuration);
    Call call = parser.call();
    parser.skipSpaces();
    if (parser.position != text.length()) {
      throw new IllegalArgumentException(
          "unexpected text after the call at character " + parser.position + " of '" + text + "'");
    }
    return new IntrinsicFunction(call, mapper);
  }

  JsonNode evaluate(Bindings bindings, String field) {
    return evaluate(call, bindings, field);
  }

  private JsonNode evaluate(Call call, Bindings bindings, String field) {
    List<JsonNode> args = new ArrayList<>(call.arguments().size());
    for (Argument argument : call.arguments()) {
      args.add(value(argument, bindings, field));
    }
    try {
      return apply(call, args);
    } catch (StateFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StateFailure(
          INTRINSIC_FAILURE,
          "Invalid arguments in " + call.name() + " (field " + field + "): " + e.getMessage());
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

  private JsonNode apply(Call call, List<JsonNode> args) {
    switch (call.name()) {
      case "States.Format":
        return NODES.stringNode(format(call, args));
      case "States.StringToJson":
        try {
          return mapper.readTree(string(args.get(0)));
        } catch (JacksonException e) {
          throw fail(call, "the argument is not JSON text");
        }
      case "States.JsonToString":
        return NODES.stringNode(mapper.writeValueAsString(args.get(0)));
      case "States.Array":
        {
          ArrayNode array = NODES.arrayNode();
          args.forEach(array::add);
          return array;
        }
      case "States.ArrayPartition":
        {
          ArrayNode source = array(call, args.get(0));
          int size = integer(call, args.get(1));
          if (size <= 0) {
            throw fail(call, "the chunk size must be positive");
          }
          ArrayNode result = NODES.arrayNode();
          for (int i = 0; i < source.size(); i += size) {
            ArrayNode chunk = result.addArray();
            for (int j = i; j < Math.min(i + size, source.size()); j++) {
              chunk.add(source.get(j));
            }
          }
          return result;
        }
      case "States.ArrayContains":
        {
          for (JsonNode element : array(call, args.get(0)).values()) {
            if (element.equals(NUMBERS_BY_VALUE, args.get(1))) {
              return NODES.booleanNode(true);
            }
          }
          return NODES.booleanNode(false);
        }
      case "States.ArrayRange":
        {
          int start = integer(call, args.get(0));
          int end = integer(call, args.get(1));
          int step = integer(call, args.get(2));
          if (step == 0) {
            throw fail(call, "the step must not be 0");
          }
          ArrayNode result = NODES.arrayNode();
          for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
            result.add(i);
            if (result.size() > 1000) {
              throw fail(call, "the range has more than 1000 items");
            }
          }
          return result;
        }
      case "States.ArrayGetItem":
        {
          ArrayNode source = array(call, args.get(0));
          int index = integer(call, args.get(1));
          if (index < 0 || index >= source.size()) {
            throw fail(
                call, "index " + index + " is out of bounds for an array of " + source.size());
          }
          return source.get(index);
        }
      case "States.ArrayLength":
        return NODES.numberNode(array(call, args.get(0)).size());
      case "States.ArrayUnique":
        {
          Set<JsonNode> unique = new LinkedHashSet<>();
          array(call, args.get(0)).values().forEach(unique::add);
          ArrayNode result = NODES.arrayNode();
          unique.forEach(result::add);
          return result;
        }
      case "States.Base64Encode":
        return NODES.stringNode(
            Base64.getEncoder()
                .encodeToString(string(args.get(0)).getBytes(StandardCharsets.UTF_8)));
      case "States.Base64Decode":
        try {
          return NODES.stringNode(
              new String(Base64.getDecoder().decode(string(args.get(0))), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw fail(call, "the argument is not Base64");
        }
      case "States.Hash":
        return NODES.stringNode(hash(call, args.get(0), string(args.get(1))));
      case "States.JsonMerge":
        {
          if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw fail(call, "both JSON arguments must be objects");
          }
          if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
            throw fail(call, "only shallow merges (false) are supported, as on AWS");
          }
          ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
          merged.setAll((ObjectNode) args.get(1));
          return merged;
        }
      case "States.MathRandom":
        {
          int start = integer(call, args.get(0));
          int end = integer(call, args.get(1));
          if (end <= start) {
            throw fail(call, "the end must be greater than the start");
          }
          Random random =
              args.size() == 3
                  ? new Random(integer(call, args.get(2)))
                  : ThreadLocalRandom.current();
          return NODES.numberNode(start + random.nextInt(end - start));
        }
      case "States.MathAdd":
        return NODES.numberNode(
            Math.addExact(integer(call, args.get(0)), integer(call, args.get(1))));
      case "States.StringSplit":
        {
          String delimiters = string(args.get(1));
          ArrayNode result = NODES.arrayNode();
          StringBuilder token = new StringBuilder();
          for (char c : string(args.get(0)).toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
              addToken(result, token);
            } else {
              token.append(c);
            }
          }
          addToken(result, token);
          return result;
        }
      case "States.UUID":
        return NODES.stringNode(UUID.randomUUID().toString());
      default:
        throw new IllegalStateException("Unknown intrinsic " + call.name());
    }
  }

  private static void addToken(ArrayNode result, StringBuilder token) {
    if (!token.isEmpty()) {
      result.add(token.toString());
    }
    token.setLength(0);
  }

  private String format(Call call, List<JsonNode> args) {
    Argument template = call.arguments().get(0);
    String raw = template instanceof StringLiteral literal ? literal.raw() : string(args.get(0));
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw fail(call, "the template has more placeholders than arguments");
        }
        JsonNode value = args.get(next++);
        out.append(value.isString() ? value.stringValue() : mapper.writeValueAsString(value));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw fail(call, "the template has fewer placeholders than arguments");
    }
    return out.toString();
  }

  private String hash(Call call, JsonNode data, String algorithm) {
    String javaName =
        switch (algorithm) {
          case "MD5" -> "MD5";
          case "SHA-1" -> "SHA-1";
          case "SHA-256" -> "SHA-256";
          case "SHA-384" -> "SHA-384";
          case "SHA-512" -> "SHA-512";
          default -> throw fail(call, "unsupported hash algorithm '" + algorithm + "'");
        };
    String text = data.isString() ? data.stringValue() : mapper.writeValueAsString(data);
    try {
      byte[] digest =
          MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks " + javaName, e);
    }
  }

  private static String string(JsonNode node) {
    if (!node.isString()) {
      throw new IllegalArgumentException("expected a string, got " + node.getNodeType());
    }
    return node.stringValue();
  }

  private static ArrayNode array(Call call, JsonNode node) {
    if (!(node instanceof ArrayNode array)) {
      throw fail(call, "expected an array, got " + node.getNodeType());
    }
    return array;
  }

  private static int integer(Call call, JsonNode node) {
    if (!node.isNumber()) {
      throw fail(call, "expected an integer, got " + node.getNodeType());
    }
    BigDecimal value = node.decimalValue();
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      throw fail(call, "expected an integer, got " + value);
    }
  }

  private static StateFailure fail(Call call, String why) {
    return new StateFailure(INTRINSIC_FAILURE, "Invalid arguments in " + call.name() + ": " + why);
  }

  /** Recursive-descent parser for one call. */
  private static final class Parser {

    private final String text;
    private final Configuration configuration;
    private int position;

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
      int[] arity = ARITY.get(name);
      if (arity == null) {
        throw new IllegalArgumentException("unknown intrinsic function '" + name + "'");
      }
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
      if (arguments.size() < arity[0] || arguments.size() > arity[1]) {
        throw new IllegalArgumentException(
            name
                + " takes "
                + (arity[0] == arity[1] ? arity[0] + "" : arity[0] + " or more")
                + " arguments, not "
                + arguments.size());
      }
      return new Call(name, List.copyOf(arguments));
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
