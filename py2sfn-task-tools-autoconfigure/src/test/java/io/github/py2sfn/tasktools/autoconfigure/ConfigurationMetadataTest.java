package io.github.py2sfn.tasktools.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The generated configuration metadata describes every property, and the README lists them. */
class ConfigurationMetadataTest {

  private static JsonNode metadata() throws IOException {
    try (InputStream json =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(json).as("generated configuration metadata").isNotNull();
      return JsonMapper.shared().readTree(json);
    }
  }

  private static List<String> propertyNames(JsonNode metadata) {
    List<String> names = new ArrayList<>();
    metadata.get("properties").forEach(property -> names.add(property.get("name").asString()));
    return names;
  }

  @Test
  void everyPropertyHasADescription() throws IOException {
    JsonNode metadata = metadata();

    assertThat(propertyNames(metadata))
        .contains(
            "py2sfn.table-name",
            "py2sfn.bucket",
            "py2sfn.ttl",
            "py2sfn.offload-threshold",
            "py2sfn.allowed-global-tables",
            "py2sfn.region",
            "py2sfn.endpoint",
            "py2sfn.account-id",
            "py2sfn.stop.wait-for-aborted",
            "py2sfn.stop.poll-interval",
            "py2sfn.stop.timeout",
            "py2sfn.aws.api-call-attempt-timeout",
            "py2sfn.aws.api-call-timeout",
            "py2sfn.aws.lambda-timeout-margin");
    metadata
        .get("properties")
        .forEach(
            property ->
                assertThat(property.path("description").asString(""))
                    .as(property.get("name").asString())
                    .isNotBlank());
  }

  @Test
  void defaultsAreThoseOfThePythonOriginal() throws IOException {
    JsonNode metadata = metadata();

    assertThat(defaultOf(metadata, "py2sfn.ttl")).isEqualTo("7d");
    assertThat(defaultOf(metadata, "py2sfn.offload-threshold")).isEqualTo("390000B");
    assertThat(defaultOf(metadata, "py2sfn.stop.wait-for-aborted")).isEqualTo("true");
    assertThat(defaultOf(metadata, "py2sfn.stop.poll-interval")).isEqualTo("2s");
    assertThat(defaultOf(metadata, "py2sfn.stop.timeout")).isEqualTo("120s");
  }

  @Test
  void readmeDocumentsEveryProperty() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(propertyNames(metadata()))
        .allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
  }

  private static String defaultOf(JsonNode metadata, String name) {
    for (JsonNode property : metadata.get("properties")) {
      if (property.get("name").asString().equals(name)) {
        return property.get("defaultValue").asString();
      }
    }
    throw new AssertionError("no property " + name);
  }
}
