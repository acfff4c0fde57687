package io.github.py2sfn.tasktools.localrunner.internal;

import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSONata functions Step Functions adds ({@code $partition}, {@code $range}, {@code $hash},
 * {@code $random}, {@code $uuid}, {@code $parse}; "JSONata functions provided by Step Functions" in
 * <a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html">Transforming
 * data with JSONata</a>), bound in every evaluation's frame; {@code $random} replaces JSONata's own
 * to take a seed. A misuse throws {@link Failure}, which the template reports as {@code
 * States.QueryEvaluationError}.
 */
final class JsonataFunctions {

  /** The hash algorithms AWS names, which are also the JDK's names for them. */
  static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** As for {@code States.ArrayRange}: a range holds at most 1000 items. */
  static final int MAX_RANGE = 1000;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** A function called with arguments it does not accept. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String function, String message) {
      super("$" + function + ": " + message, null, false, false);
    }
  }

  private interface Body {
    @Nullable Object apply(List<?> arguments);
  }

  private JsonataFunctions() {}

  /** Binds the functions in an evaluation's frame, where they shadow JSONata's. */
  static void bind(Jsonata.Frame frame) {
    bind(frame, "partition", 2, 2, JsonataFunctions::partition);
    bind(frame, "range", 3, 3, JsonataFunctions::range);
    bind(frame, "hash", 2, 2, JsonataFunctions::hash);
    bind(frame, "random", 0, 1, JsonataFunctions::random);
    bind(frame, "uuid", 0, 0, arguments -> UUID.randomUUID().toString());
    bind(frame, "parse", 1, 1, JsonataFunctions::parse);
  }

  private static void bind(Jsonata.Frame frame, String name, int min, int max, Body body) {
    frame.bind(
        name,
        new Jsonata.JFunction(
            (input, arguments) -> {
              List<?> given = arguments == null ? List.of() : arguments;
              if (given.size() < min || given.size() > max) {
                throw new Failure(
                    name,
                    "takes "
                        + (min == max ? String.valueOf(min) : min + " to " + max)
                        + " arguments, not "
                        + given.size());
              }
              return body.apply(given);
            },
            null));
  }

  private static Object partition(List<?> arguments) {
    if (!(arguments.get(0) instanceof List<?> array)) {
      throw new Failure("partition", "the first argument must be an array");
    }
    int size = integer("partition", arguments.get(1), "the chunk size");
    if (size <= 0) {
      throw new Failure("partition", "the chunk size must be positive");
    }
    List<Object> chunks = new ArrayList<>();
    for (int i = 0; i < array.size(); i += size) {
      chunks.add(new ArrayList<>(array.subList(i, Math.min(i + size, array.size()))));
    }
    return chunks;
  }

  private static Object range(List<?> arguments) {
    int start = integer("range", arguments.get(0), "the start");
    int end = integer("range", arguments.get(1), "the end");
    int step = integer("range", arguments.get(2), "the step");
    if (step == 0) {
      throw new Failure("range", "the step must not be 0");
    }
    List<Object> result = new ArrayList<>();
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      if (result.size() == MAX_RANGE) {
        throw new Failure("range", "the range has more than " + MAX_RANGE + " items");
      }
      result.add((int) i);
    }
    return result;
  }

  private static Object hash(List<?> arguments) {
    if (!(arguments.get(0) instanceof String data)) {
      throw new Failure("hash", "the value to hash must be a string");
    }
    if (!(arguments.get(1) instanceof String algorithm) || !HASH_ALGORITHMS.contains(algorithm)) {
      throw new Failure(
          "hash",
          "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not "
              + arguments.get(1));
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks " + algorithm, e);
    }
  }

  /** A number from 0 (inclusive) to 1 (exclusive); a seed makes it repeatable. */
  private static Object random(List<?> arguments) {
    Random random =
        arguments.isEmpty()
            ? ThreadLocalRandom.current()
            : new Random(integer("random", arguments.get(0), "the seed"));
    return random.nextDouble();
  }

  private static @Nullable Object parse(List<?> arguments) {
    if (!(arguments.get(0) instanceof String text)) {
      throw new Failure("parse", "the argument must be a string of JSON");
    }
    try {
      JsonNode parsed = JSON.readTree(text);
      if (parsed == null || parsed.isMissingNode()) {
        throw new Failure("parse", "the argument is empty");
      }
      return JsonataTemplate.toJava(parsed);
    } catch (JacksonException e) {
      throw new Failure("parse", "the argument is not JSON text");
    }
  }

  /**
   * An integer argument. The page's note: "Built-in JSONata functions that require integer values
   * as parameters will automatically round down any non-integer numbers provided."
   */
  private static int integer(String function, @Nullable Object value, String what) {
    double floor = value instanceof Number number ? Math.floor(number.doubleValue()) : Double.NaN;
    if (!(floor >= Integer.MIN_VALUE && floor <= Integer.MAX_VALUE)) {
      throw new Failure(function, what + " must be a number in the integer range");
    }
    return (int) floor;
  }
}
