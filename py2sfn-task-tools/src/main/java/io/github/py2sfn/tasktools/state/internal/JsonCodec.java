package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.internal.JsonErrors;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemSerializationException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts data to and from the stored JSON. Reads what Python's {@code json} module writes
 * (including {@code NaN} and {@code Infinity}) and writes non-finite numbers the same way. Failure
 * messages name the item, the type and the JSON path, never the data.
 */
final class JsonCodec {

  private final JsonMapper mapper;

  JsonCodec(JsonMapper mapper) {
    this.mapper =
        mapper
            .rebuild()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
  }

  JavaType type(Class<?> type) {
    return mapper.constructType(type);
  }

  JavaType type(TypeReference<?> type) {
    return mapper.constructType(type);
  }

  byte[] write(@Nullable Object data, ItemRef.Global location) {
    try {
      return mapper.writeValueAsBytes(data);
    } catch (JacksonException failure) {
      throw new ItemSerializationException(
          "Data for the state data item at "
              + location
              + " cannot be written as JSON ("
              + (data == null ? "null" : data.getClass().getName())
              + "): "
              + JsonErrors.describe(failure),
          location);
    }
  }

  <T> @Nullable T read(String json, JavaType type, ItemRef.Global location) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException failure) {
      throw readFailure(type, location, failure);
    }
  }

  <T> @Nullable T read(InputStream json, JavaType type, ItemRef.Global location) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException failure) {
      throw readFailure(type, location, failure);
    }
  }

  private static ItemSerializationException readFailure(
      JavaType type, ItemRef.Global location, JacksonException failure) {
    return new ItemSerializationException(
        "The state data item at "
            + location
            + " cannot be read as "
            + type.toCanonical()
            + ": "
            + JsonErrors.describe(failure),
        location);
  }
}
