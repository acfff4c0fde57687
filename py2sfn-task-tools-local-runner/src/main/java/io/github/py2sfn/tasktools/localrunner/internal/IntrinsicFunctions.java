package io.github.py2sfn.tasktools.localrunner.internal;

import static io.github.py2sfn.tasktools.localrunner.internal.IntrinsicFunction.UNBOUNDED;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry of the intrinsic functions the runner supports: each one's name, arity and
 * implementation, in one table. Calls are checked against it when the definition is parsed.
 */
final class IntrinsicFunctions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Base64Encode "takes a data string of up to 10,000 characters", Base64Decode "a Base64 encoded
   * data string of up to 10,000 characters", and the data of Hash "must be an object string
   * containing 10,000 characters or less".
   */
  private static final int MAX_DATA_CHARACTERS = 10_000;

  // JSON numbers compare by value: the literal 3 and an array's 3.0 or 3 of another node type are
  // equal.
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

  private static final Map<String, IntrinsicFunction> BY_NAME =
      index(
          new IntrinsicFunction("States.Format", 1, UNBOUNDED, IntrinsicFunctions::format),
          new IntrinsicFunction("States.StringToJson", 1, 1, IntrinsicFunctions::stringToJson),
          // Specification: States.JsonToString "takes a single argument which MUST be a Path".
          new IntrinsicFunction(
              "States.JsonToString", 1, 1, true, IntrinsicFunctions::jsonToString),
          new IntrinsicFunction("States.Array", 0, UNBOUNDED, IntrinsicFunctions::array),
          new IntrinsicFunction("States.ArrayPartition", 2, 2, IntrinsicFunctions::arrayPartition),
          new IntrinsicFunction("States.ArrayContains", 2, 2, IntrinsicFunctions::arrayContains),
          new IntrinsicFunction("States.ArrayRange", 3, 3, IntrinsicFunctions::arrayRange),
          new IntrinsicFunction("States.ArrayGetItem", 2, 2, IntrinsicFunctions::arrayGetItem),
          new IntrinsicFunction("States.ArrayLength", 1, 1, IntrinsicFunctions::arrayLength),
          new IntrinsicFunction("States.ArrayUnique", 1, 1, IntrinsicFunctions::arrayUnique),
          new IntrinsicFunction("States.Base64Encode", 1, 1, IntrinsicFunctions::base64Encode),
          new IntrinsicFunction("States.Base64Decode", 1, 1, IntrinsicFunctions::base64Decode),
          new IntrinsicFunction("States.Hash", 2, 2, IntrinsicFunctions::hash),
          new IntrinsicFunction("States.JsonMerge", 3, 3, IntrinsicFunctions::jsonMerge),
          new IntrinsicFunction("States.MathRandom", 2, 3, IntrinsicFunctions::mathRandom),
          new IntrinsicFunction("States.MathAdd", 2, 2, IntrinsicFunctions::mathAdd),
          new IntrinsicFunction("States.StringSplit", 2, 2, IntrinsicFunctions::stringSplit),
          new IntrinsicFunction("States.UUID", 0, 0, arguments -> uuid()));

  private IntrinsicFunctions() {}

  /** The function of that name, or null when the runner has none. */
  static @Nullable IntrinsicFunction named(String name) {
    return BY_NAME.get(name);
  }

  /** Every supported function's name. */
  static Set<String> names() {
    return BY_NAME.keySet();
  }

  private static Map<String, IntrinsicFunction> index(IntrinsicFunction... functions) {
    Map<String, IntrinsicFunction> byName = new LinkedHashMap<>();
    for (IntrinsicFunction function : functions) {
      byName.put(function.name(), function);
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * {@code {}} placeholders take the following arguments in order. An escaped brace is no
   * placeholder, so a literal template is read with its escapes.
   */
  private static JsonNode format(IntrinsicFunction.Arguments arguments) {
    String raw = arguments.rawString(0) != null ? arguments.rawString(0) : arguments.string(0);
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
        if (next >= arguments.size()) {
          throw arguments.fail("the template has more placeholders than arguments");
        }
        JsonNode value = arguments.get(next++);
        // Specification: a value "MUST NOT be a JSON array or object".
        if (value.isContainer()) {
          throw arguments.fail(
              "argument "
                  + next
                  + " is "
                  + value.getNodeType()
                  + ", not a string, number, boolean or null");
        }
        out.append(
            value.isString() ? value.stringValue() : arguments.mapper().writeValueAsString(value));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != arguments.size()) {
      throw arguments.fail("the template has fewer placeholders than arguments");
    }
    return NODES.stringNode(out.toString());
  }

  private static JsonNode stringToJson(IntrinsicFunction.Arguments arguments) {
    try {
      return arguments.mapper().readTree(arguments.string(0));
    } catch (JacksonException e) {
      throw arguments.fail("the argument is not JSON text");
    }
  }

  private static JsonNode jsonToString(IntrinsicFunction.Arguments arguments) {
    return NODES.stringNode(arguments.mapper().writeValueAsString(arguments.get(0)));
  }

  private static JsonNode array(IntrinsicFunction.Arguments arguments) {
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < arguments.size(); i++) {
      array.add(arguments.get(i));
    }
    return array;
  }

  private static JsonNode arrayPartition(IntrinsicFunction.Arguments arguments) {
    ArrayNode source = arguments.array(0);
    long size = arguments.rounded(1);
    if (size <= 0) {
      throw arguments.fail("the chunk size must be positive");
    }
    ArrayNode result = NODES.arrayNode();
    for (long i = 0; i < source.size(); i += size) {
      ArrayNode chunk = result.addArray();
      for (long j = i; j < Math.min(i + size, source.size()); j++) {
        chunk.add(source.get((int) j));
      }
    }
    return result;
  }

  private static JsonNode arrayContains(IntrinsicFunction.Arguments arguments) {
    for (JsonNode element : arguments.array(0).values()) {
      if (element.equals(NUMBERS_BY_VALUE, arguments.get(1))) {
        return NODES.booleanNode(true);
      }
    }
    return NODES.booleanNode(false);
  }

  private static JsonNode arrayRange(IntrinsicFunction.Arguments arguments) {
    long start = arguments.rounded(0);
    long end = arguments.rounded(1);
    long step = arguments.rounded(2);
    if (step == 0) {
      throw arguments.fail("the step must not be 0");
    }
    ArrayNode result = NODES.arrayNode();
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      result.add(integerNode(i));
      if (result.size() > 1000) {
        throw arguments.fail("the range has more than 1000 items");
      }
    }
    return result;
  }

  private static JsonNode arrayGetItem(IntrinsicFunction.Arguments arguments) {
    ArrayNode source = arguments.array(0);
    long index = arguments.integer(1);
    if (index < 0 || index >= source.size()) {
      throw arguments.fail("index " + index + " is out of bounds for an array of " + source.size());
    }
    return source.get((int) index);
  }

  private static JsonNode arrayLength(IntrinsicFunction.Arguments arguments) {
    return NODES.numberNode(arguments.array(0).size());
  }

  private static JsonNode arrayUnique(IntrinsicFunction.Arguments arguments) {
    Set<JsonNode> unique = new LinkedHashSet<>();
    arguments.array(0).values().forEach(unique::add);
    ArrayNode result = NODES.arrayNode();
    unique.forEach(result::add);
    return result;
  }

  private static JsonNode base64Encode(IntrinsicFunction.Arguments arguments) {
    String data = limited(arguments, arguments.string(0));
    return NODES.stringNode(
        Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode base64Decode(IntrinsicFunction.Arguments arguments) {
    String data = limited(arguments, arguments.string(0));
    try {
      return NODES.stringNode(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw arguments.fail("the argument is not Base64");
    }
  }

  /** The data of Base64Encode, Base64Decode or Hash, within {@link #MAX_DATA_CHARACTERS}. */
  private static String limited(IntrinsicFunction.Arguments arguments, String data) {
    int characters = data.codePointCount(0, data.length());
    if (characters > MAX_DATA_CHARACTERS) {
      throw arguments.fail(
          "the data has "
              + characters
              + " characters, more than the "
              + MAX_DATA_CHARACTERS
              + " allowed");
    }
    return data;
  }

  private static JsonNode hash(IntrinsicFunction.Arguments arguments) {
    String algorithm = arguments.string(1);
    String javaName =
        switch (algorithm) {
          case "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> algorithm;
          default -> throw arguments.fail("unsupported hash algorithm '" + algorithm + "'");
        };
    JsonNode data = arguments.get(0);
    String text =
        limited(
            arguments,
            data.isString() ? data.stringValue() : arguments.mapper().writeValueAsString(data));
    try {
      byte[] digest =
          MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8));
      return NODES.stringNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks " + javaName, e);
    }
  }

  private static JsonNode jsonMerge(IntrinsicFunction.Arguments arguments) {
    if (!arguments.get(0).isObject() || !arguments.get(1).isObject()) {
      throw arguments.fail("both JSON arguments must be objects");
    }
    if (!arguments.get(2).isBoolean() || arguments.get(2).booleanValue()) {
      throw arguments.fail("only shallow merges (false) are supported, as on AWS");
    }
    ObjectNode merged = ((ObjectNode) arguments.get(0)).deepCopy();
    merged.setAll((ObjectNode) arguments.get(1));
    return merged;
  }

  /**
   * From the start (inclusive) to the end (exclusive), any two integers; a seed makes the number
   * repeatable.
   */
  private static JsonNode mathRandom(IntrinsicFunction.Arguments arguments) {
    long start = arguments.rounded(0);
    long end = arguments.rounded(1);
    if (end <= start) {
      throw arguments.fail("the end must be greater than the start");
    }
    RandomGenerator random =
        arguments.size() == 3 ? new Random(arguments.integer(2)) : ThreadLocalRandom.current();
    return integerNode(random.nextLong(start, end));
  }

  /** "You must specify integer values in the range of -2147483648 and 2147483647." */
  private static JsonNode mathAdd(IntrinsicFunction.Arguments arguments) {
    long first = arguments.rounded(0);
    long second = arguments.rounded(1);
    if (first != (int) first || second != (int) second) {
      throw arguments.fail("the arguments must be integers from -2147483648 to 2147483647");
    }
    return NODES.numberNode(Math.addExact((int) first, (int) second));
  }

  /** An integer as the smallest node that holds it, as the JSON parser makes it. */
  private static JsonNode integerNode(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }

  /** Every character of the second argument delimits; empty pieces are dropped. */
  private static JsonNode stringSplit(IntrinsicFunction.Arguments arguments) {
    String delimiters = arguments.string(1);
    ArrayNode result = NODES.arrayNode();
    StringBuilder token = new StringBuilder();
    for (char c : arguments.string(0).toCharArray()) {
      if (delimiters.indexOf(c) >= 0) {
        addToken(result, token);
      } else {
        token.append(c);
      }
    }
    addToken(result, token);
    return result;
  }

  private static void addToken(ArrayNode result, StringBuilder token) {
    if (!token.isEmpty()) {
      result.add(token.toString());
    }
    token.setLength(0);
  }

  private static JsonNode uuid() {
    return NODES.stringNode(UUID.randomUUID().toString());
  }
}
