package io.github.py2sfn.tasktools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Failure descriptions name the JSON path and position, never data: map keys are data. */
class JsonErrorsTest {

  record Customer(String name, int age) {}

  record Order(List<Line> lines) {}

  record Line(String sku, int quantity) {}

  /** A bean Jackson cannot write: it refers to itself. */
  static final class SelfReferencing {
    public SelfReferencing getSelf() {
      return this;
    }
  }

  private static final JsonMapper JSON = new JsonMapper();

  @Test
  void propertiesOfDeclaredTypesAndIndexesAreNamed() {
    JacksonException failure =
        catchThrowableOfType(
            JacksonException.class,
            () ->
                JSON.readValue(
                    "{\"lines\": [{\"sku\": \"a\", \"quantity\": 1}, {\"sku\": \"b\", \"quantity\":"
                        + " \"secret\"}]}",
                    Order.class));

    assertThat(JsonErrors.describe(failure))
        .isEqualTo("InvalidFormatException at path $.lines[1].quantity (line 1, column 66)")
        .doesNotContain("secret");
  }

  @Test
  void mapKeysAreWrittenAsAWildcardWhenReading() {
    JacksonException failure =
        catchThrowableOfType(
            JacksonException.class,
            () ->
                JSON.readValue(
                    "{\"jerry@example.com\": {\"name\": \"Jerry\", \"age\": \"old\"}}",
                    new TypeReference<Map<String, Customer>>() {}));

    assertThat(JsonErrors.describe(failure))
        .startsWith("InvalidFormatException at path $[*].age")
        .doesNotContain("jerry")
        .doesNotContain("old");
  }

  @Test
  void mapKeysAreWrittenAsAWildcardWhenWriting() {
    Map<String, Object> byEmail = Map.of("elaine@example.com", new SelfReferencing());

    JacksonException failure =
        catchThrowableOfType(JacksonException.class, () -> JSON.writeValueAsString(byEmail));

    assertThat(JsonErrors.describe(failure))
        .startsWith("InvalidDefinitionException at path $[*]")
        .doesNotContain("elaine");
  }
}
