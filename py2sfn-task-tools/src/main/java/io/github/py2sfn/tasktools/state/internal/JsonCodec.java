package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.internal.JsonErrors;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemSerializationException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts data to and from the stored JSON. Reads what Python's {@code json} module writes
 * (including {@code NaN} and {@code Infinity}) and writes non-finite numbers the same way. Failure
 * messages name the item, the type and the JSON path, never the data.
 *
 * <p>Its stream limits are Python's, not Jackson's defaults (nesting depth 500, numbers of 1,000
 * characters, names of 50,000): it reads every document Python 1.0.2 can write, and refuses to
 * write one that it, or Python, could not read back.
 */
final class JsonCodec {

  /**
   * Nesting depth read and written. Python's encoder and decoder recurse once per level and stop
   * short of 1,000 (its default recursion limit), so Python writes and reads fewer levels.
   */
  static final int MAX_DEPTH = 1_000;

  /**
   * Digits of a number written: Python refuses to convert integers of more digits ({@code
   * sys.int_info.default_max_str_digits}), so it could neither write nor read them.
   */
  static final int MAX_NUMBER_DIGITS = 4_300;

  private static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          // The sign, and a fraction or an exponent, come on top of the digits.
          .maxNumberLength(MAX_NUMBER_DIGITS + 100)
          // Python bounds neither names nor strings; DynamoDB and S3 bound the whole document.
          .maxNameLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .build();

  private static final StreamWriteConstraints WRITE_LIMITS =
      StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build();

  private final JsonMapper mapper;

  JsonCodec(JsonMapper mapper) {
    JsonFactory limited =
        ((JsonFactory) mapper.tokenStreamFactory())
            .rebuild()
            .streamReadConstraints(READ_LIMITS)
            .streamWriteConstraints(WRITE_LIMITS)
            .addDecorator((factory, generator) -> new NumberLengthLimit(generator))
            .build();
    this.mapper =
        new OnFactory(mapper, limited)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
  }

  /**
   * The application's mapper, with its modules and settings, on another stream factory: Jackson 3's
   * builders keep the factory of the mapper they rebuild, and set the stream limits only there.
   */
  private static final class OnFactory extends JsonMapper.Builder {
    OnFactory(JsonMapper mapper, JsonFactory factory) {
      super((JsonMapper.Builder.StateImpl) mapper.rebuild().saveStateApplyModules());
      _streamFactory = factory;
    }
  }

  /**
   * Fails a write of a number longer than Python converts to an integer, which this codec would not
   * read back either.
   */
  private static final class NumberLengthLimit extends JsonGeneratorDelegate {

    NumberLengthLimit(JsonGenerator delegate) {
      super(delegate, true);
    }

    @Override
    public JsonGenerator writeNumber(BigInteger value) {
      check(value.abs().toString().length());
      return super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal value) {
      check(
          (isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                  ? value.abs().toPlainString()
                  : value.abs().toString())
              .length());
      return super.writeNumber(value);
    }

    @Override
    public JsonGenerator writeNumber(String encodedValue) {
      check(encodedValue.length());
      return super.writeNumber(encodedValue);
    }

    private void check(int digits) {
      if (digits > MAX_NUMBER_DIGITS) {
        throw new StreamConstraintsException(
            "Number of "
                + digits
                + " digits exceeds the "
                + MAX_NUMBER_DIGITS
                + " digits Python's json module converts (sys.int_info.default_max_str_digits)");
      }
    }
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
              + describe(failure),
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

  /**
   * Reads one JSON value as a tree.
   *
   * @throws JacksonException if it is not JSON, for the caller to describe
   */
  JsonNode readTree(InputStream json) {
    return mapper.readTree(json);
  }

  /**
   * Reads JSON Lines: one value per line.
   *
   * @throws JacksonException if it is not that, for the caller to describe
   */
  List<JsonNode> readLines(InputStream json) {
    try (MappingIterator<JsonNode> lines = mapper.readerFor(JsonNode.class).readValues(json)) {
      return lines.readAll();
    }
  }

  /**
   * Converts a tree to a type.
   *
   * @throws JacksonException if it does not convert, for the caller to describe
   */
  <T> @Nullable T convert(JsonNode tree, JavaType type) {
    return mapper.treeToValue(tree, type);
  }

  /**
   * Reads JSON text as a type.
   *
   * @throws JacksonException if it does not convert, for the caller to describe
   */
  <T> @Nullable T read(String json, JavaType type) {
    return mapper.readValue(json, type);
  }

  private static ItemSerializationException readFailure(
      JavaType type, ItemRef.Global location, JacksonException failure) {
    return new ItemSerializationException(
        "The state data item at "
            + location
            + " cannot be read as "
            + type.toCanonical()
            + ": "
            + describe(failure),
        location);
  }

  /** A limit's message holds only numbers, and says which limit: it is kept. */
  private static String describe(JacksonException failure) {
    String description = JsonErrors.describe(failure);
    return failure instanceof StreamConstraintsException
        ? description + ": " + failure.getOriginalMessage()
        : description;
  }
}
