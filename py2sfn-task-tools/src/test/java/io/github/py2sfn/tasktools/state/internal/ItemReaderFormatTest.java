package io.github.py2sfn.tasktools.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.state.MapIterationEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Lines object of a list for a Distributed Map, generated as it is read. */
class ItemReaderFormatTest {

  static final ListLocation LIST =
      new ListLocation("state-table", "exec-1:\"quoted\" café 🚀", OptionalInt.empty());

  private static String read(InputStream stream, int bufferSize) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[bufferSize];
    for (int read; (read = stream.read(buffer, 0, bufferSize)) != -1; ) {
      bytes.write(buffer, 0, read);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {0, 1, 9, 10, 11, 99, 100, 101, 1_234})
  void theLengthIsTheBytesTheStreamGivesAndEachLineIsItsElementsEvent(int count)
      throws IOException {
    ItemReaderFormat format = new ItemReaderFormat(LIST, "lines", count);

    String body = read(format.newStream(), 7);

    assertThat((long) body.getBytes(StandardCharsets.UTF_8).length).isEqualTo(format.length());
    assertThat(body.lines())
        .hasSize(count)
        .allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    for (int index = 0; index < count; index++) {
      assertThat(
              JsonMapper.shared()
                  .readValue(body.lines().toList().get(index), MapIterationEvent.class))
          .isEqualTo(new MapIterationEvent("state-table", LIST.partitionKey(), "lines", index));
    }
  }

  @ParameterizedTest(name = "buffer of {0} bytes")
  @ValueSource(ints = {1, 3, 64, 8_192})
  void everyBufferSizeAndSingleByteReadsGiveTheSameBytes(int bufferSize) throws IOException {
    ItemReaderFormat format = new ItemReaderFormat(LIST, null, 25);
    ByteArrayOutputStream single = new ByteArrayOutputStream();
    try (InputStream stream = format.newStream()) {
      for (int read; (read = stream.read()) != -1; ) {
        single.write(read);
      }
    }

    assertThat(read(format.newStream(), bufferSize))
        .isEqualTo(single.toString(StandardCharsets.UTF_8))
        .doesNotContain(MapIterationEvent.KEY_FIELD);
  }
}
