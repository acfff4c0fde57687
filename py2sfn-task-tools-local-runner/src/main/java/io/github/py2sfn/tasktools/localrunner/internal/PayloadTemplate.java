package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compiled payload template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector}):
 * keys ending in {@code .$} take a path or an intrinsic function call, evaluated against the input
 * and the context object.
 */
final class PayloadTemplate {

  private interface Node {
    JsonNode evaluate(Bindings bindings);
  }

  private final Node root;

  private PayloadTemplate(Node root) {
    this.root = root;
  }

  /**
   * Compiles a template.
   *
   * @param field the field name and position, for error messages ({@code Parameters.meta.id.$})
   * @throws IllegalArgumentException naming the key whose path or call is invalid
   */
  static PayloadTemplate compile(
      JsonNode template, String field, Configuration configuration, ObjectMapper mapper) {
    return new PayloadTemplate(node(template, field, configuration, mapper));
  }

  JsonNode evaluate(Bindings bindings) {
    return root.evaluate(bindings);
  }

  private static Node node(
      JsonNode template, String field, Configuration configuration, ObjectMapper mapper) {
    if (template.isObject()) {
      List<Map.Entry<String, Node>> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : template.properties()) {
        String key = entry.getKey();
        String keyField = field + "." + key;
        if (key.endsWith(".$")) {
          entries.add(
              Map.entry(
                  key.substring(0, key.length() - 2),
                  dynamic(entry.getValue(), keyField, configuration, mapper)));
        } else {
          entries.add(Map.entry(key, node(entry.getValue(), keyField, configuration, mapper)));
        }
      }
      return bindings -> {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Node> entry : entries) {
          result.set(entry.getKey(), entry.getValue().evaluate(bindings));
        }
        return result;
      };
    }
    if (template.isArray()) {
      List<Node> elements = new ArrayList<>();
      int index = 0;
      for (JsonNode element : template.values()) {
        elements.add(node(element, field + "[" + index++ + "]", configuration, mapper));
      }
      return bindings -> {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        elements.forEach(element -> result.add(element.evaluate(bindings)));
        return result;
      };
    }
    return bindings -> template;
  }

  private static Node dynamic(
      JsonNode value, String field, Configuration configuration, ObjectMapper mapper) {
    if (!value.isString()) {
      throw new IllegalArgumentException(
          "the value of " + field + " must be a path or an intrinsic function");
    }
    String text = value.stringValue().trim();
    if (JsonPathExpression.isPath(text)) {
      JsonPathExpression path = JsonPathExpression.compile(text, configuration);
      return bindings -> path.read(bindings, field);
    }
    if (IntrinsicCall.looksLikeCall(text)) {
      IntrinsicCall call = IntrinsicCall.parse(text, configuration, mapper);
      return bindings -> call.evaluate(bindings, field);
    }
    throw new IllegalArgumentException(
        "the value of " + field + " ('" + text + "') is neither a path nor an intrinsic function");
  }
}
