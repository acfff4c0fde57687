package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.internal.JsonErrors;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
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

  JavaType type(Type type) {
    return mapper.constructType(type);
  }

  byte[] write(@Nullable Object data, ItemLocation location) {
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

  <T> @Nullable T read(String json, JavaType type, ItemLocation location) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException failure) {
      throw readFailure(type, location, failure);
    }
  }

  <T> @Nullable T read(InputStream json, JavaType type, ItemLocation location) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException failure) {
      throw readFailure(type, location, failure);
    }
  }

  private static ItemSerializationException readFailure(
      JavaType type, ItemLocation location, JacksonException failure) {
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
