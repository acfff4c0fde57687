package io.github.py2sfn.tasktools.localrunner.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * One intrinsic function of {@link IntrinsicFunctions}: its name, how many arguments it takes and
 * what it computes from their values.
 *
 * @param name the name calls use ({@code States.Format})
 * @param minArguments the fewest arguments a call may pass
 * @param maxArguments the most arguments a call may pass ({@link #UNBOUNDED} for no limit)
 * @param pathArguments whether every argument must be a path (not a literal or a call)
 * @param implementation computes the result
 */
record IntrinsicFunction(
    String name,
    int minArguments,
    int maxArguments,
    boolean pathArguments,
    Implementation implementation) {

  /** The {@link #maxArguments} of a function that takes any number of arguments. */
  static final int UNBOUNDED = Integer.MAX_VALUE;

  /** The error AWS reports when an intrinsic function fails at run time. */
  static final String FAILURE = "States.IntrinsicFailure";

  /** A function whose arguments may be literals, paths or calls. */
  IntrinsicFunction(
      String name, int minArguments, int maxArguments, Implementation implementation) {
    this(name, minArguments, maxArguments, false, implementation);
  }

  /** Computes a function's result from one call's argument values. */
  @FunctionalInterface
  interface Implementation {
    /**
     * Applies the function.
     *
     * @throws StateFailure {@code States.IntrinsicFailure} for arguments it rejects (other runtime
     *     exceptions are reported as that failure too)
     */
    JsonNode apply(Arguments arguments);
  }

  /** Whether a call may pass this many arguments. */
  boolean accepts(int count) {
    return count >= minArguments && count <= maxArguments;
  }

  /** The argument count as the definition problem states it: {@code 2}, {@code 1 or more}. */
  String arity() {
    return minArguments == maxArguments ? minArguments + "" : minArguments + " or more";
  }

  /** The values of one call's arguments, with the checks that reject wrong ones. */
  static final class Arguments {

    private final String function;
    private final String field;
    private final List<JsonNode> values;
    private final List<@Nullable String> rawStrings;
    private final ObjectMapper mapper;

    /**
     * Creates a call's arguments.
     *
     * @param field the field the call is in, for the causes of failures
     * @param rawStrings for each argument that is a string literal, its text with the escapes still
     *     in it, else null
     */
    Arguments(
        String function,
        String field,
        List<JsonNode> values,
        List<@Nullable String> rawStrings,
        ObjectMapper mapper) {
      this.function = function;
      this.field = field;
      this.values = values;
      this.rawStrings = rawStrings;
      this.mapper = mapper;
    }

    int size() {
      return values.size();
    }

    JsonNode get(int index) {
      return values.get(index);
    }

    /** The literal text of argument {@code index} before unescaping, or null when not a literal. */
    @Nullable String rawString(int index) {
      return rawStrings.get(index);
    }

    ObjectMapper mapper() {
      return mapper;
    }

    /**
     * Argument {@code index} as a string.
     *
     * @throws IllegalArgumentException when it is none (reported with the field, see {@link
     *     IntrinsicCall})
     */
    String string(int index) {
      JsonNode node = values.get(index);
      if (!node.isString()) {
        throw new IllegalArgumentException("expected a string, got " + node.getNodeType());
      }
      return node.stringValue();
    }

    ArrayNode array(int index) {
      JsonNode node = values.get(index);
      if (!(node instanceof ArrayNode array)) {
        throw fail("expected an array, got " + node.getNodeType());
      }
      return array;
    }

    /** Argument {@code index} as an integer: a number with no fraction ({@code 3.0} is 3). */
    long integer(int index) {
      JsonNode node = values.get(index);
      if (!node.isNumber()) {
        throw fail("expected an integer, got " + node.getNodeType());
      }
      BigDecimal value = node.decimalValue();
      try {
        return value.longValueExact();
      } catch (ArithmeticException e) {
        throw fail("expected an integer, got " + value);
      }
    }

    /**
     * Argument {@code index} rounded to the nearest integer, for the arguments the guide says "Step
     * Functions will round it off to the nearest integer".
     */
    long rounded(int index) {
      JsonNode node = values.get(index);
      if (!node.isNumber()) {
        throw fail("expected an integer, got " + node.getNodeType());
      }
      BigDecimal value = node.decimalValue();
      try {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
      } catch (ArithmeticException e) {
        throw fail("expected an integer, got " + value);
      }
    }

    /** The failure of this call for arguments it rejects. */
    StateFailure fail(String why) {
      return new StateFailure(
          FAILURE, "Invalid arguments in " + function + " (field " + field + "): " + why);
    }
  }
}
