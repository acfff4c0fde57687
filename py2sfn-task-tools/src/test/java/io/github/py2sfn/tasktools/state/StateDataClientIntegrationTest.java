package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every StateDataClient operation against a real DynamoDB and S3 API (moto by default). */
@AwsEmulatorTest
class StateDataClientIntegrationTest {

  static final int THRESHOLD = 2_000;
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  record Character(String name, int episodes, List<String> quotes) {}

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient client;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.client = clientFor("exec-1");
  }

  private StateDataClient clientFor(String namespace) {
    return StateDataFixture.builder(aws, resources)
        .namespace(namespace)
        .offloadThreshold(THRESHOLD)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private Map<String, AttributeValue> storedItem(String partitionKey, int index) {
    return aws.storedItem(resources.tableName(), partitionKey, index);
  }

  private static String big(int bytes) {
    return "x".repeat(bytes);
  }

  @Nested
  class SingleItems {

    @Test
    void putItemStoresThePythonFormatAndReturnsThePointer() {
      Character jerry = new Character("jerry", 180, List.of("Hello, Newman."));

      ItemPointer pointer = client.putItem("characters", jerry);

      assertThat(pointer)
          .isEqualTo(new ItemPointer(resources.tableName(), "exec-1:characters", "characters"));
      Map<String, AttributeValue> item = storedItem("exec-1:characters", 0);
      assertThat(item.keySet())
          .containsExactlyInAnyOrder("partition_key", "sort_key", "data", "expires_at");
      assertThat(item.get("sort_key").n()).isEqualTo("0");
      assertThat(item.get("expires_at").n())
          .isEqualTo(Long.toString(NOW.plus(Duration.ofDays(7)).getEpochSecond()));
      assertThat(JsonMapper.shared().readTree(item.get("data").s()))
          .isEqualTo(
              JsonMapper.shared()
                  .readTree(
                      "{\"name\":\"jerry\",\"episodes\":180,\"quotes\":[\"Hello, Newman.\"]}"));
      assertThat(client.getItem("characters", Character.class)).isEqualTo(jerry);
    }

    @Test
    void putItemAtAnIndexDoesNotNeedTheOthers() {
      client.putItem("characters", "elaine", 24);

      assertThat(client.getItem("characters", 24, String.class)).isEqualTo("elaine");
      assertThatThrownBy(() -> client.getItem("characters", 0, String.class))
          .isInstanceOf(ItemNotFoundException.class)
          .hasMessage(
              "No state data item found at table '"
                  + resources.tableName()
                  + "', partition key 'exec-1:characters', index 0");
    }

    @Test
    void putItemReplacesAnOffloadedItemWithASmallOne() {
      client.putItem("notes", big(THRESHOLD + 1));
      assertThat(storedItem("exec-1:notes", 0)).containsKey("s3_key");

      client.putItem("notes", "short");

      assertThat(storedItem("exec-1:notes", 0)).containsKey("data").doesNotContainKey("s3_key");
      assertThat(client.getItem("notes", String.class)).isEqualTo("short");
    }

    @Test
    void itemOverTheThresholdGoesToS3UnderThePythonKeyLayout() {
      String text = big(THRESHOLD + 1);

      client.putItem("notes", text, 3);

      Map<String, AttributeValue> item = storedItem("exec-1:notes", 3);
      String s3Key = "workflow_state_data/" + resources.tableName() + "/exec-1:notes/3";
      assertThat(item.get("s3_key").s()).isEqualTo(s3Key);
      assertThat(item).doesNotContainKey("data");
      byte[] body =
          aws.s3Client()
              .getObjectAsBytes(r -> r.bucket(resources.bucketName()).key(s3Key))
              .asByteArray();
      assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("\"" + text + "\"");
      HeadObjectResponse head =
          aws.s3Client().headObject(r -> r.bucket(resources.bucketName()).key(s3Key));
      assertThat(head.serverSideEncryptionAsString()).isEqualTo("AES256");
      assertThat(client.getItem("notes", 3, String.class)).isEqualTo(text);
    }

    @Test
    void thresholdCountsUtf8BytesOfTheJson() {
      // Two quotes plus 999 two-byte characters: 2,000 bytes, at the threshold and not over it.
      String atThreshold = "é".repeat(999);
      client.putItem("accents", atThreshold);
      assertThat(storedItem("exec-1:accents", 0)).containsKey("data");

      client.putItem("accents", atThreshold + "a");
      assertThat(storedItem("exec-1:accents", 0)).containsKey("s3_key");
      assertThat(client.getItem("accents", String.class)).isEqualTo(atThreshold + "a");
    }

    @Test
    void globalItemsReachOtherNamespaces() {
      StateDataClient otherExecution = clientFor("exec-2");
      ItemPointer pointer = otherExecution.putItem("result", Map.of("total", 42));

      ItemPointer global =
          client.putGlobalItem(pointer.tableName(), "custom-partition", List.of(1, 2), 1);

      assertThat(global)
          .isEqualTo(new ItemPointer(resources.tableName(), "custom-partition", null));
      assertThat(client.getGlobalItem(pointer.tableName(), pointer.partitionKey(), JsonNode.class))
          .isEqualTo(JsonMapper.shared().readTree("{\"total\":42}"));
      assertThat(
              client.get(
                  ItemRef.global(resources.tableName(), "custom-partition", 1),
                  new TypeReference<List<Integer>>() {}))
          .containsExactly(1, 2);
    }

    @Test
    void globalOperationsWriteWhereTheCallerSays(AwsEmulator aws) {
      String otherTable = aws.createStateDataTable();

      ItemsPointer pointer =
          client.putGlobalItems(otherTable, "shared:list", List.of("a", big(THRESHOLD + 5)));

      assertThat(pointer).isEqualTo(ItemsPointer.of(otherTable, "shared:list", null, 2));
      assertThat(client.getGlobalItems(otherTable, "shared:list", String.class))
          .containsExactly("a", big(THRESHOLD + 5));
      assertThat(client.getGlobalItems(resources.tableName(), "shared:list", String.class))
          .isEmpty();
    }

    @Test
    void nullDataIsStoredAsJsonNull() {
      client.putItem("nothing", null);

      assertThat(storedItem("exec-1:nothing", 0).get("data").s()).isEqualTo("null");
      assertThat(client.getItem("nothing", Object.class)).isNull();
    }
  }

  @Nested
  class Lists {

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {0, 1, 25, 26, 1000})
    void putItemsAndGetItemsRoundTrip(int size) {
      List<Map<String, Object>> elements = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        elements.add(Map.of("index", i, "name", "element-" + i));
      }

      ItemsPointer pointer = client.putItems("elements", elements);

      assertThat(pointer.tableName()).isEqualTo(resources.tableName());
      assertThat(pointer.partitionKey()).isEqualTo("exec-1:elements");
      assertThat(pointer.key()).isEqualTo("elements");
      assertThat(pointer.items()).isEqualTo(java.util.Collections.nCopies(size, 1));
      assertThat(client.getItems("elements", Map.class)).isEqualTo(elements);
      assertThat(client.getAll(ListRef.of(pointer), new TypeReference<Map<String, Object>>() {}))
          .isEqualTo(elements);
    }

    @Test
    void smallAndOffloadedElementsMixInOneList() {
      List<String> elements =
          List.of("small", big(THRESHOLD * 2), "tiny", big(THRESHOLD + 1), big(10));

      client.putItems("mixed", elements);

      assertThat(
              IntStream.range(0, elements.size())
                  .mapToObj(i -> storedItem("exec-1:mixed", i).containsKey("s3_key")))
          .containsExactly(false, true, false, true, false);
      assertThat(client.getItems("mixed", String.class)).containsExactlyElementsOf(elements);
      assertThat(client.getItem("mixed", 3, String.class)).isEqualTo(big(THRESHOLD + 1));
    }

    @Test
    void manyOffloadedElementsLoadInParallelInIndexOrder() {
      List<String> elements = IntStream.range(0, 60).mapToObj(i -> i + big(THRESHOLD + i)).toList();

      client.putItems("offloaded", elements);

      assertThat(client.getItems("offloaded", String.class)).containsExactlyElementsOf(elements);
    }

    @Test
    void putItemsAgainLeavesExactlyTheNewList() {
      client.putItems("retried", IntStream.range(0, 40).boxed().toList());

      client.putItems("retried", List.of(100, 101, 102));

      assertThat(client.getItems("retried", Integer.class)).containsExactly(100, 101, 102);
      client.putItems("retried", List.of());
      assertThat(client.getItems("retried", Integer.class)).isEmpty();
    }

    @Test
    void mapIterationHelpersReadAndWriteTheIterationsElement() {
      ItemsPointer pointer = client.putItems("characters", List.of("jerry", "elaine", "george"));
      StateDataClient iterationTask = clientFor("exec-1");
      MapIterationEvent event =
          MapIterationEvent.from(
              Map.of(
                  "items_result_table_name", pointer.tableName(),
                  "items_result_partition_key", pointer.partitionKey(),
                  "items_result_key", pointer.key(),
                  "context_index", 1,
                  "context_value", 1));

      assertThat(iterationTask.getItemForMapIteration(event, String.class)).isEqualTo("elaine");
      assertThat(iterationTask.getGlobalItemForMapIteration(event, String.class))
          .isEqualTo("elaine");

      ItemPointer local = iterationTask.putItemForMapIteration(event, "ELAINE");
      assertThat(local)
          .isEqualTo(new ItemPointer(pointer.tableName(), pointer.partitionKey(), "characters"));
      ItemPointer global = clientFor("exec-9").putGlobalItemForMapIteration(event, "Elaine Benes");
      assertThat(global)
          .isEqualTo(new ItemPointer(pointer.tableName(), pointer.partitionKey(), null));
      assertThat(client.getItems("characters", String.class))
          .containsExactly("jerry", "Elaine Benes", "george");
    }

    @Test
    void gapsAreReportedNotClosedUp() {
      client.putItem("sparse", "c", 12);
      client.putItem("sparse", "a", 2);
      client.putItem("sparse", "b", 10);

      assertThatThrownBy(() -> client.getItems("sparse", String.class))
          .isInstanceOfSatisfying(
              ElementsMissingException.class,
              missing ->
                  assertThat(missing.indexes()).containsExactly(0, 1, 3, 4, 5, 6, 7, 8, 9, 11));
    }
  }

  @Nested
  class Data {

    @Test
    void unicodeNestedAndNumericEdgeCasesRoundTrip() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("unicode", "héllo wörld ✓ 日本語 🚀 \u0000 \"quoted\" \\ slash");
      data.put(
          "nested",
          Map.of(
              "list",
              List.of(List.of(1, 2), Map.of("deep", List.of(true, false))),
              "empty",
              Map.of()));
      data.put(
          "numbers", List.of(0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.25, 1e300, 4.9e-324));
      data.put("big", new java.math.BigInteger("123456789012345678901234567890"));
      data.put("null", null);

      client.putItem("edge", data);

      JsonNode stored = client.getItem("edge", JsonNode.class);
      assertThat(stored).isEqualTo(JsonMapper.shared().valueToTree(data));
    }

    @Test
    void readsWhatPythonsEncoderWrites() {
      String pythonJson =
          "{\"name\": \"caf\\u00e9\", \"ratio\": NaN, \"max\": Infinity, \"min\": -Infinity, \"list\": [1, 2.5]}";
      aws.dynamoDbClient()
          .putItem(
              r ->
                  r.tableName(resources.tableName())
                      .item(
                          Map.of(
                              "partition_key", AttributeValue.fromS("exec-1:python"),
                              "sort_key", AttributeValue.fromN("0"),
                              "data", AttributeValue.fromS(pythonJson),
                              "expires_at", AttributeValue.fromN("1800000000"))));

      Map<String, Object> data =
          client.get(ItemRef.local("python"), new TypeReference<Map<String, Object>>() {});

      assertThat(data).containsEntry("name", "café").containsEntry("list", List.of(1, 2.5));
      assertThat((Double) data.get("ratio")).isNaN();
      assertThat(data)
          .containsEntry("max", Double.POSITIVE_INFINITY)
          .containsEntry("min", Double.NEGATIVE_INFINITY);
    }

    @Test
    void writesNonFiniteNumbersAsPythonDoes() {
      client.putItem("nan", List.of(Double.NaN, Double.POSITIVE_INFINITY));

      assertThat(storedItem("exec-1:nan", 0).get("data").s()).isEqualTo("[NaN,Infinity]");
    }

    @Test
    void dataThatDoesNotFitTheTypeNamesTheItemNotTheData() {
      client.putItem(
          "typed", Map.of("name", "secret-value", "episodes", "not-a-number", "quotes", List.of()));

      assertThatThrownBy(() -> client.getItem("typed", Character.class))
          .isInstanceOf(ItemSerializationException.class)
          .hasMessageContaining("partition key 'exec-1:typed', index 0")
          .hasMessageContaining("cannot be read as " + Character.class.getName())
          .hasMessageContaining("$.episodes")
          .hasMessageNotContaining("not-a-number")
          .hasMessageNotContaining("secret-value");
    }
  }

  @Nested
  class Failures {

    @Test
    void offloadWithoutBucketNamesTheMissingSetting() {
      StateDataClient noBucket =
          StateDataFixture.builder(aws, resources)
              .s3Client((S3Client) null)
              .bucket(null)
              .offloadThreshold(THRESHOLD)
              .build();

      assertThatThrownBy(() -> noBucket.putItem("notes", big(THRESHOLD + 1)))
          .isInstanceOf(StateDataConfigurationException.class)
          .hasMessageContaining(
              "over the 2000-byte offload threshold, but no S3 bucket is configured (py2sfn.bucket");
      assertThat(storedItem("exec-1:notes", 0)).isEmpty();
    }

    @Test
    void offloadedObjectThatIsGoneIsReportedWithItsKey() {
      client.putItems("notes", List.of("a", "b", big(THRESHOLD + 1)));
      String s3Key = storedItem("exec-1:notes", 2).get("s3_key").s();
      aws.s3Client().deleteObject(r -> r.bucket(resources.bucketName()).key(s3Key));

      assertThatThrownBy(() -> client.getItem("notes", 2, String.class))
          .isInstanceOf(OffloadedObjectNotFoundException.class)
          .hasMessageContaining(
              "object '" + s3Key + "' is missing from bucket '" + resources.bucketName() + "'");
      assertThatThrownBy(() -> client.getItems("notes", String.class))
          .isInstanceOf(OffloadedObjectNotFoundException.class);
    }

    @Test
    void offloadedObjectWithCorruptJsonIsAReadError() {
      client.putItem("notes", big(THRESHOLD + 1));
      String s3Key = "workflow_state_data/" + resources.tableName() + "/exec-1:notes/0";
      aws.s3Client()
          .putObject(
              r -> r.bucket(resources.bucketName()).key(s3Key),
              RequestBody.fromString("{\"secret\": tru"));

      assertThatThrownBy(() -> client.getItem("notes", Object.class))
          .isInstanceOf(ItemSerializationException.class)
          .hasMessageNotContaining("secret");
    }

    @Test
    void missingTableIsAnAccessErrorNamingTheTable() {
      assertThatThrownBy(() -> client.getGlobalItem("no-such-table", "pk", Object.class))
          .isInstanceOf(StateDataAccessException.class)
          .hasMessageContaining("table 'no-such-table'");
    }
  }
}
