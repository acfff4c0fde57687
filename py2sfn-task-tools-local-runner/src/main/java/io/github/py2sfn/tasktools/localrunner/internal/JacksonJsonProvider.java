package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jayway JsonPath over Jackson 3 trees, so paths run on the engine's {@link JsonNode}s without
 * converting them: Jayway ships providers for Jackson 2 only.
 */
final class JacksonJsonProvider extends AbstractJsonProvider implements MappingProvider {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;

  JacksonJsonProvider(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  static Configuration configuration(ObjectMapper mapper) {
    JacksonJsonProvider provider = new JacksonJsonProvider(mapper);
    return Configuration.builder().jsonProvider(provider).mappingProvider(provider).build();
  }

  static JsonMapper defaultMapper() {
    return JsonMapper.builder().build();
  }

  @Override
  public Object parse(String json) {
    try {
      return mapper.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidJsonException(e, json);
    }
  }

  @Override
  public Object parse(InputStream jsonStream, String charset) {
    try {
      return mapper.readTree(new String(jsonStream.readAllBytes(), Charset.forName(charset)));
    } catch (IOException | JacksonException e) {
      throw new InvalidJsonException(e);
    }
  }

  @Override
  public String toJson(Object obj) {
    return mapper.writeValueAsString(obj);
  }

  @Override
  public Object createArray() {
    return NODES.arrayNode();
  }

  @Override
  public Object createMap() {
    return NODES.objectNode();
  }

  @Override
  public boolean isArray(@Nullable Object obj) {
    return obj instanceof ArrayNode || obj instanceof List;
  }

  @Override
  public boolean isMap(@Nullable Object obj) {
    return obj instanceof ObjectNode;
  }

  @Override
  public int length(Object obj) {
    if (obj instanceof JsonNode node && node.isContainer()) {
      return node.size();
    }
    if (obj instanceof JsonNode node && node.isString()) {
      return node.stringValue().length();
    }
    return super.length(obj);
  }

  @Override
  public Iterable<?> toIterable(Object obj) {
    if (obj instanceof ArrayNode array) {
      List<Object> values = new ArrayList<>(array.size());
      array.values().forEach(values::add);
      return values;
    }
    return super.toIterable(obj);
  }

  @Override
  public Collection<String> getPropertyKeys(Object obj) {
    if (obj instanceof ObjectNode object) {
      return new ArrayList<>(object.propertyNames());
    }
    throw new JsonPathException("Not an object: " + obj);
  }

  @Override
  public Object getArrayIndex(Object obj, int idx) {
    if (obj instanceof ArrayNode array) {
      // Jayway resolves negative indexes itself before asking. An index out of range matches
      // nothing (Jayway skips the index on this exception), so that a definite path ending there
      // fails like a missing field and IsPresent is false.
      if (idx < 0 || idx >= array.size()) {
        throw new IndexOutOfBoundsException(idx);
      }
      return array.get(idx);
    }
    return super.getArrayIndex(obj, idx);
  }

  @Override
  public void setArrayIndex(Object array, int index, @Nullable Object newValue) {
    if (array instanceof ArrayNode node) {
      JsonNode value = toNode(newValue);
      if (index == node.size()) {
        node.add(value);
      } else {
        node.set(index, value);
      }
      return;
    }
    super.setArrayIndex(array, index, newValue);
  }

  @Override
  public Object getMapValue(Object obj, String key) {
    if (obj instanceof ObjectNode object) {
      JsonNode value = object.get(key);
      return value == null ? UNDEFINED : value;
    }
    return super.getMapValue(obj, key);
  }

  @Override
  public void setProperty(Object obj, Object key, @Nullable Object value) {
    if (obj instanceof ObjectNode object) {
      object.set(key.toString(), toNode(value));
    } else if (obj instanceof ArrayNode array) {
      setArrayIndex(array, Integer.parseInt(key.toString()), value);
    } else {
      super.setProperty(obj, key, value);
    }
  }

  @Override
  public void removeProperty(Object obj, Object key) {
    if (obj instanceof ObjectNode object) {
      object.remove(key.toString());
    } else if (obj instanceof ArrayNode array) {
      array.remove(Integer.parseInt(key.toString()));
    } else {
      super.removeProperty(obj, key);
    }
  }

  @Override
  public @Nullable Object unwrap(@Nullable Object obj) {
    // Filter predicates compare plain Java values; containers stay trees.
    if (obj instanceof JsonNode node && node.isValueNode()) {
      if (node.isNull()) {
        return null;
      }
      if (node.isString()) {
        return node.stringValue();
      }
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      if (node.isNumber()) {
        return node.numberValue();
      }
    }
    return obj;
  }

  @Override
  public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
    return mapper.convertValue(toNode(source), targetType);
  }

  @Override
  public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
    throw new UnsupportedOperationException("The state machine runner reads JSON trees only");
  }

  private JsonNode toNode(@Nullable Object value) {
    return value instanceof JsonNode node ? node : mapper.valueToTree(value);
  }
}
