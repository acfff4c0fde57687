package io.github.py2sfn.tasktools.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemSerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The stored JSON's limits are Python's: whatever Python 1.0.2 writes is read, and nothing is
 * written that could not be read back; the application's mapper keeps its modules and settings.
 */
class JsonCodecTest {

  private static final ItemRef.Global ITEM = new ItemRef.Global("state-table", "exec-1:k", 0);

  private final JsonCodec codec = new JsonCodec(new JsonMapper());

  @Test
  void readsAndWritesNestingUpToAThousandLevels() {
    String deepest = "[".repeat(JsonCodec.MAX_DEPTH) + "1" + "]".repeat(JsonCodec.MAX_DEPTH);

    JsonNode read = codec.read(deepest, codec.type(JsonNode.class), ITEM);

    assertThat(new String(codec.write(read, ITEM), StandardCharsets.UTF_8)).isEqualTo(deepest);
  }

  @Test
  void refusesToWriteDeeperNestingThanItReadsNamingTheLimit() {
    Object tooDeep = 1;
    for (int level = 0; level <= JsonCodec.MAX_DEPTH; level++) {
      tooDeep = List.of(tooDeep);
    }
    Object data = tooDeep;

    assertThatThrownBy(() -> codec.write(data, ITEM))
        .isInstanceOf(ItemSerializationException.class)
        .hasMessageContaining("partition key 'exec-1:k', index 0")
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("1000");
  }

  @Test
  void readsIntegersOfAsManyDigitsAsPythonWrites() {
    String digits = "9".repeat(JsonCodec.MAX_NUMBER_DIGITS);

    BigInteger read = codec.read("-" + digits, codec.type(BigInteger.class), ITEM);

    assertThat(read).isEqualTo(new BigInteger("-" + digits));
    assertThat(new String(codec.write(read, ITEM), StandardCharsets.UTF_8)).isEqualTo("-" + digits);
  }

  @Test
  void refusesToWriteLongerNumbersNamingTheLimit() {
    BigInteger tooLong = new BigInteger("1".repeat(JsonCodec.MAX_NUMBER_DIGITS + 1));
    BigDecimal tooLongDecimal = new BigDecimal("1".repeat(JsonCodec.MAX_NUMBER_DIGITS) + ".5");

    assertThatThrownBy(() -> codec.write(Map.of("total", tooLong), ITEM))
        .isInstanceOf(ItemSerializationException.class)
        .hasMessageContaining("Number of 4301 digits exceeds the 4300 digits Python's json module")
        .hasMessageNotContaining("1111");
    assertThatThrownBy(() -> codec.write(tooLongDecimal, ITEM))
        .isInstanceOf(ItemSerializationException.class)
        .hasMessageContaining("4302 digits");
  }

  @Test
  void readsObjectNamesAndStringsOfAnyLength() {
    String longName = "k".repeat(200_000);
    String json = "{\"" + longName + "\": \"" + "v".repeat(200_000) + "\"}";

    Map<String, String> read = codec.read(json, codec.type(Map.class), ITEM);

    assertThat(read).containsOnlyKeys(longName);
  }

  @Test
  void readsPythonsNonFiniteNumbersAndWritesThemTheSameWay() {
    List<Double> read = codec.read("[NaN, Infinity, -Infinity]", codec.type(List.class), ITEM);

    assertThat(read)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(new String(codec.write(read, ITEM), StandardCharsets.UTF_8))
        .isEqualTo("[NaN,Infinity,-Infinity]");
  }

  record Money(long cents) {}

  record Order(String orderId, Money total) {}

  @Test
  void keepsTheApplicationsModulesAndSettings() {
    JsonMapper application =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(
                new SimpleModule()
                    .addSerializer(
                        Money.class,
                        new ValueSerializer<Money>() {
                          @Override
                          public void serialize(
                              Money value, JsonGenerator generator, SerializationContext context) {
                            generator.writeString(value.cents() / 100 + "." + value.cents() % 100);
                          }
                        }))
            .build();

    byte[] json = new JsonCodec(application).write(new Order("o-1", new Money(1250)), ITEM);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"order_id\":\"o-1\",\"total\":\"12.50\"}");
  }
}
