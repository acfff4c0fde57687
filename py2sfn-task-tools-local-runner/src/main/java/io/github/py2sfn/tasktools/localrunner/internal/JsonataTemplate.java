package io.github.py2sfn.tasktools.localrunner.internal;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSONata field value ({@code Arguments}, {@code Output}, {@code Condition}, ...): a JSON value
 * in which every string of the form {@code {% expression %}}, at any depth, is a JSONata
 * expression, evaluated by {@code com.dashjoin:jsonata} with {@code $states} bound. Any other value
 * is literal.
 */
final class JsonataTemplate {

  /** The error AWS raises when a JSONata expression fails or yields an unusable value. */
  static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern EXPRESSION = Pattern.compile("^\\{%(.*)%\\}$", Pattern.DOTALL);
  private static final Pattern EVAL = Pattern.compile("\\$eval\\s*\\(");
  private static final Pattern STATES_MEMBER = Pattern.compile("\\$states\\.([A-Za-z]+)");

  /**
   * What {@code $states} holds while one field is evaluated (null members are not available), and
   * the workflow variables bound beside it, with their values from before the state.
   */
  record States(
      JsonNode input,
      JsonNode context,
      @Nullable JsonNode result,
      @Nullable JsonNode errorOutput,
      VariableScope variables) {}

  private interface Node {
    JsonNode evaluate(States states, String field);
  }

  private final Node root;

  private JsonataTemplate(Node root) {
    this.root = root;
  }

  /**
   * Compiles a field's value.
   *
   * @param field the field, for problems and errors ({@code Arguments.name})
   * @param available the members of {@code $states} the field may use ({@code input}, {@code
   *     context}, {@code result}, {@code errorOutput})
   * @param problems receives every expression that does not parse or uses what is unavailable
   */
  static JsonataTemplate compile(
      JsonNode value, String field, List<String> available, DefinitionProblem.Reporter problems) {
    return new JsonataTemplate(node(value, field, available, problems));
  }

  /** Whether a value is one JSONata expression string, {@code "{% ... %}"}. */
  static boolean isExpression(JsonNode value) {
    return value.isString() && EXPRESSION.matcher(value.stringValue()).matches();
  }

  /**
   * Evaluates the template.
   *
   * @throws StateFailure {@code States.QueryEvaluationError} when an expression fails or yields
   *     undefined (or a function)
   */
  JsonNode evaluate(States states, String field) {
    return root.evaluate(states, field);
  }

  private static Node node(
      JsonNode value, String field, List<String> available, DefinitionProblem.Reporter problems) {
    if (value.isObject()) {
      List<Map.Entry<String, Node>> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        entries.add(
            Map.entry(
                entry.getKey(),
                node(entry.getValue(), field + "." + entry.getKey(), available, problems)));
      }
      return (states, f) -> {
        ObjectNode result = NODES.objectNode();
        for (Map.Entry<String, Node> entry : entries) {
          result.set(entry.getKey(), entry.getValue().evaluate(states, f + "." + entry.getKey()));
        }
        return result;
      };
    }
    if (value.isArray()) {
      List<Node> elements = new ArrayList<>();
      int index = 0;
      for (JsonNode element : value.values()) {
        elements.add(node(element, field + "[" + index++ + "]", available, problems));
      }
      return (states, f) -> {
        ArrayNode result = NODES.arrayNode();
        for (int i = 0; i < elements.size(); i++) {
          result.add(elements.get(i).evaluate(states, f + "[" + i + "]"));
        }
        return result;
      };
    }
    Matcher matcher = value.isString() ? EXPRESSION.matcher(value.stringValue()) : null;
    if (matcher == null || !matcher.matches()) {
      if (value.isString()
          && (value.stringValue().startsWith("{%") || value.stringValue().endsWith("%}"))) {
        // Half an expression would otherwise pass as a literal string.
        problems.report(field, "a JSONata expression must be the whole string, \"{% ... %}\"");
      }
      return (states, f) -> value;
    }
    String text = matcher.group(1);
    if (!valid(text, field, available, problems)) {
      return (states, f) -> value;
    }
    return (states, f) -> evaluateExpression(text, states, f);
  }

  private static boolean valid(
      String text, String field, List<String> available, DefinitionProblem.Reporter problems) {
    try {
      Jsonata.jsonata(text);
    } catch (RuntimeException e) {
      problems.report(field, "the JSONata expression does not parse: " + e.getMessage());
      return false;
    }
    if (EVAL.matcher(text).find()) {
      problems.report(field, "$eval is not available in Step Functions (use $parse)");
      return false;
    }
    Matcher member = STATES_MEMBER.matcher(text);
    while (member.find()) {
      if (!available.contains(member.group(1))) {
        problems.report(
            field,
            "$states."
                + member.group(1)
                + " is not available in this field (available: "
                + String.join(", ", available)
                + ")");
        return false;
      }
    }
    return true;
  }

  private static JsonNode evaluateExpression(String text, States states, String field) {
    Object value;
    try {
      Jsonata expression = Jsonata.jsonata(text);
      Jsonata.Frame frame = expression.createFrame();
      JsonataFunctions.bind(frame);
      for (Map.Entry<String, JsonNode> variable : states.variables().visible().entrySet()) {
        frame.bind(variable.getKey(), toJava(variable.getValue()));
      }
      Map<String, Object> bound = new LinkedHashMap<>();
      bound.put("input", toJava(states.input()));
      bound.put("context", toJava(states.context()));
      if (states.result() != null) {
        bound.put("result", toJava(states.result()));
      }
      if (states.errorOutput() != null) {
        bound.put("errorOutput", toJava(states.errorOutput()));
      }
      frame.bind("states", bound);
      value = expression.evaluate(null, frame);
    } catch (JsonataFunctions.Failure e) {
      throw failure(states, text, field, "failed: " + e.getMessage());
    } catch (JException e) {
      throw failure(states, text, field, "failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw failure(states, text, field, "failed: " + e);
    }
    if (value == null) {
      throw failure(states, text, field, "returned nothing (undefined)");
    }
    JsonNode node = toJson(value);
    if (node == null) {
      throw failure(states, text, field, "returned a value that is not JSON");
    }
    return node;
  }

  /**
   * A {@code States.QueryEvaluationError} worded as AWS words its cause, without the event id the
   * runner's history does not number: the state, the expression (definition text, never data) and
   * the field.
   */
  private static StateFailure failure(States states, String text, String field, String what) {
    return new StateFailure(
        QUERY_EVALUATION_ERROR,
        "An error occurred while executing the state '"
            + states.context().path("State").path("Name").asString("")
            + "'. The JSONata expression '"
            + text.strip()
            + "' specified for the field '"
            + field
            + "' "
            + what);
  }

  /** A Jackson tree as the Java values the JSONata implementation works on. */
  static @Nullable Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        map.put(entry.getKey(), toJava(entry.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<@Nullable Object> list = new ArrayList<>();
      node.values().forEach(element -> list.add(toJava(element)));
      return list;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      if (node.canConvertToInt()) {
        return node.intValue();
      }
      if (node.canConvertToLong()) {
        return node.longValue();
      }
      return node.doubleValue();
    }
    return Jsonata.NULL_VALUE;
  }

  /** A JSONata value as a Jackson tree; null for undefined or a function. */
  @SuppressWarnings("unchecked")
  static @Nullable JsonNode toJson(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        JsonNode element = member(entry.getValue());
        // JSON.stringify drops functions, as AWS does (undefined members are never stored).
        if (element != null) {
          object.set(String.valueOf(entry.getKey()), element);
        }
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (Object element : list) {
        JsonNode converted = member(element);
        if (converted != null) {
          array.add(converted);
        }
      }
      return array;
    }
    if (value instanceof String text) {
      return NODES.stringNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return number(number);
    }
    return null;
  }

  /**
   * A member of an object or array. The evaluator hands back JSONata's null as Java null and never
   * stores undefined in a container, so a Java null there is JSON null.
   */
  private static @Nullable JsonNode member(@Nullable Object value) {
    return value == null ? NODES.nullNode() : toJson(value);
  }

  /**
   * Numbers as JSON writes them: an integral value without a fraction, as JavaScript does, in the
   * node type a parser gives it (int, then long), so results compare equal to parsed JSON.
   */
  private static JsonNode number(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short) {
      return integral(number.longValue());
    }
    if (number instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (number instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    double d = number.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      return integral((long) d);
    }
    return NODES.numberNode(d);
  }

  private static JsonNode integral(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }
}
