package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.test.emulator.PythonOriginal.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A Python task (the real py2sfn-task-tools 1.0.2) and a Java task share one state machine: each
 * reads what the other wrote, for every operation, including offloaded items and Map iterations.
 */
@AwsEmulatorTest
class PythonInteropTest {

  /** Over the 390,000-byte threshold in both encodings. */
  static final String LARGE = "large:" + "é🚀x".repeat(100_000);

  static final Map<String, Object> SMALL = small();

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient java;
  private PythonOriginal python;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.java = StateDataFixture.builder(aws, resources).namespace("exec-interop").build();
    this.python =
        new PythonOriginal(aws, resources.tableName(), resources.bucketName(), "exec-interop");
  }

  private static Map<String, Object> small() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "Jerry Seinfeld — café ✓");
    data.put("episodes", 180);
    data.put("rating", 9.25);
    data.put("tags", List.of("comedian", Map.of("nested", List.of(true, false))));
    data.put("nothing", null);
    return data;
  }

  private static JsonNode json(Object value) {
    return JSON.valueToTree(value);
  }

  @Test
  void javaReadsWhatPythonWrote() throws Exception {
    String table = resources.tableName();
    List<JsonNode> pointers =
        python
            .call("put_item", "key", "single", "data", SMALL)
            .call("put_item", "key", "single", "data", LARGE, "index", 7)
            .call("put_items", "key", "list", "items", List.of(SMALL, LARGE, 3, "four"))
            .call(
                "put_global_item",
                "table_name",
                table,
                "partition_key",
                "py:global",
                "data",
                SMALL,
                "index",
                2)
            // The original writes put_global_items to its default table whatever table it is given.
            .call(
                "put_global_items",
                "table_name",
                table,
                "partition_key",
                "py:globals",
                "items",
                List.of(LARGE, "b"))
            .call("put_item", "key", "nan", "data", List.of(Double.NaN, Double.POSITIVE_INFINITY))
            .run();

    assertThat(pointers.get(0))
        .isEqualTo(json(new ItemPointer(table, "exec-interop:single", "single")));
    assertThat(pointers.get(2))
        .isEqualTo(json(ItemsPointer.of(table, "exec-interop:list", "list", 4)));
    assertThat(pointers.get(3)).isEqualTo(json(new ItemPointer(table, "py:global", null)));
    assertThat(pointers.get(4)).isEqualTo(json(ItemsPointer.of(table, "py:globals", null, 2)));

    assertThat(java.getItem("single", JsonNode.class)).isEqualTo(json(SMALL));
    assertThat(java.getItem("single", 7, String.class)).isEqualTo(LARGE);
    assertThat(java.getItems("list", JsonNode.class))
        .containsExactly(json(SMALL), json(LARGE), json(3), json("four"));
    assertThat(java.getGlobalItem(table, "py:global", 2, JsonNode.class)).isEqualTo(json(SMALL));
    assertThat(java.getGlobalItems(table, "py:globals", String.class)).containsExactly(LARGE, "b");
    assertThat(java.getItem("nan", JsonNode.class))
        .isEqualTo(json(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
    assertThat(storedItem("exec-interop:single", 7)).containsKey("s3_key");

    MapIterationEvent event = mapEvent(pointers.get(2), 1);
    assertThat(java.getItemForMapIteration(event, String.class)).isEqualTo(LARGE);
    assertThat(java.getGlobalItemForMapIteration(event, String.class)).isEqualTo(LARGE);
  }

  @Test
  void pythonReadsWhatJavaWrote() throws Exception {
    String table = resources.tableName();
    java.putItem("single", SMALL);
    java.putItem("single", LARGE, 7);
    ItemsPointer list = java.putItems("list", List.of(SMALL, LARGE, 3, "four"));
    java.putGlobalItem(table, "java:global", SMALL, 2);
    java.putGlobalItems(table, "java:globals", List.of(LARGE, "b"));
    java.putItem("nan", List.of(Double.NaN, Double.NEGATIVE_INFINITY));

    assertPythonReadsEveryKindOfItem(list);
  }

  @Test
  void pythonReadsWhatJavaWroteThroughReferences() throws Exception {
    String table = resources.tableName();
    java.put(ItemRef.local("single"), SMALL);
    java.put(ItemRef.local("single", 7), LARGE);
    ItemsPointer list = java.putAll(ListRef.local("list"), List.of(SMALL, LARGE, 3, "four"));
    java.put(ItemRef.global(table, "java:global", 2), SMALL);
    java.putAll(ListRef.global(table, "java:globals"), List.of(LARGE, "b"));
    java.put(ItemRef.local("nan"), List.of(Double.NaN, Double.NEGATIVE_INFINITY));

    assertPythonReadsEveryKindOfItem(list);
  }

  private void assertPythonReadsEveryKindOfItem(ItemsPointer list) throws Exception {
    String table = resources.tableName();
    Map<String, Object> event = mapEventFields(json(list), 1);

    List<JsonNode> read =
        python
            .call("get_item", "key", "single")
            .call("get_item", "key", "single", "index", 7)
            .call("get_items", "key", "list")
            .call(
                "get_global_item", "table_name", table, "partition_key", "java:global", "index", 2)
            .call("get_global_items", "table_name", table, "partition_key", "java:globals")
            .call("get_item", "key", "nan")
            .call("get_item_for_map_iteration", "event", event)
            .call("get_global_item_for_map_iteration", "event", event)
            .run();

    assertThat(read)
        .containsExactly(
            json(SMALL),
            json(LARGE),
            json(List.of(SMALL, LARGE, 3, "four")),
            json(SMALL),
            json(List.of(LARGE, "b")),
            json(List.of(Double.NaN, Double.NEGATIVE_INFINITY)),
            json(LARGE),
            json(LARGE));
  }

  @Test
  void javaReadsPythonsPointersAndMapEventsDirectlyInAnyExecution() throws Exception {
    String table = resources.tableName();
    List<JsonNode> results =
        python
            .call("put_item", "key", "single", "data", SMALL)
            .call("put_items", "key", "list", "items", List.of(SMALL, LARGE, 3, "four"))
            .call(
                "put_global_item", "table_name", table, "partition_key", "py:global", "data", LARGE)
            .call(
                "put_global_items",
                "table_name",
                table,
                "partition_key",
                "py:globals",
                "items",
                List.of(LARGE, "b"))
            .run();
    StateDataClient laterExecution = java.withNamespace("exec-later");

    ItemPointer single = JSON.treeToValue(results.get(0), ItemPointer.class);
    ItemsPointer list = JSON.treeToValue(results.get(1), ItemsPointer.class);
    ItemPointer global = JSON.treeToValue(results.get(2), ItemPointer.class);
    ItemsPointer globals = JSON.treeToValue(results.get(3), ItemsPointer.class);

    assertThat(laterExecution.get(ItemRef.of(single), JsonNode.class)).isEqualTo(json(SMALL));
    assertThat(laterExecution.getAll(ListRef.of(list), JsonNode.class))
        .containsExactly(json(SMALL), json(LARGE), json(3), json("four"));
    assertThat(laterExecution.get(ItemRef.of(global), String.class)).isEqualTo(LARGE);
    assertThat(laterExecution.getAll(ListRef.of(globals), String.class))
        .containsExactly(LARGE, "b");
    assertThat(laterExecution.get(ItemRef.of(mapEvent(results.get(1), 1)), String.class))
        .isEqualTo(LARGE);
  }

  @Test
  void javaReadsEverythingPythonWritesBeyondJacksonsDefaultLimits() throws Exception {
    Object deep = "bottom";
    for (int level = 0; level < 950; level++) {
      deep = List.of(deep);
    }
    BigInteger huge = new BigInteger("-" + "7".repeat(4_300));
    String longKey = "k".repeat(60_000);
    python
        .call("put_item", "key", "deep", "data", deep)
        .call("put_item", "key", "huge", "data", Map.of("total", huge))
        .call("put_item", "key", "long-key", "data", Map.of(longKey, 1))
        .run();

    assertThat(java.get(ItemRef.local("deep"), JsonNode.class)).isEqualTo(json(deep));
    assertThat(java.get(ItemRef.local("huge"), new TypeReference<Map<String, BigInteger>>() {}))
        .containsEntry("total", huge);
    assertThat(java.get(ItemRef.local("long-key"), Map.class)).containsEntry(longKey, 1);
  }

  @Test
  void listsWithIndexesPythonCanWriteAreRefusedByNameAndRewrittenExactly() throws Exception {
    python
        .call("put_item", "key", "wide", "data", "wide", "index", 2_147_483_648L)
        .call("put_items", "key", "negative", "items", List.of("a", "b"))
        .call("put_item", "key", "negative", "data", "minus one", "index", -1)
        .run();

    assertThatThrownBy(() -> java.getItems("wide", String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessageContaining("partition key 'exec-interop:wide'")
        .hasMessageContaining("its sort key 2147483648 is not a list index");
    assertThatThrownBy(() -> java.getItems("negative", String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessageContaining("its sort key -1 is not a list index");

    java.putItems("negative", List.of("x", "y", "z"));

    assertThat(aws.storedItems(resources.tableName(), "exec-interop:negative"))
        .extracting(item -> item.get("sort_key").n())
        .containsExactly("0", "1", "2");
    assertThat(python.call("get_items", "key", "negative").run())
        .containsExactly(json(List.of("x", "y", "z")));
  }

  @Test
  void mapIterationResultsWrittenByEitherAreReadByTheOther() throws Exception {
    ItemsPointer list = java.putItems("results", List.of("pending", "pending", "pending"));
    Map<String, Object> first = mapEventFields(json(list), 0);
    Map<String, Object> second = mapEventFields(json(list), 1);

    List<JsonNode> pythonPointers =
        python
            .call(
                "put_item_for_map_iteration", "event", first, "item", Map.of("by", "python-local"))
            .call("put_global_item_for_map_iteration", "event", second, "item", LARGE)
            .run();
    ItemPointer javaPointer =
        java.putItemForMapIteration(mapEvent(json(list), 2), Map.of("by", "java-local"));

    assertThat(pythonPointers.get(0))
        .isEqualTo(json(new ItemPointer(list.tableName(), list.partitionKey(), "results")));
    assertThat(pythonPointers.get(1))
        .isEqualTo(json(new ItemPointer(list.tableName(), list.partitionKey(), null)));
    assertThat(json(javaPointer)).isEqualTo(pythonPointers.get(0));
    List<JsonNode> pythonView = python.call("get_items", "key", "results").run();
    JsonNode expected =
        json(List.of(Map.of("by", "python-local"), LARGE, Map.of("by", "java-local")));
    assertThat(pythonView.get(0)).isEqualTo(expected);
    assertThat(json(java.getItems("results", JsonNode.class))).isEqualTo(expected);
  }

  @Test
  void javaPointersSerializeExactlyAsPythonResults() throws Exception {
    String table = resources.tableName();
    List<JsonNode> pythonResults =
        python
            .call("put_item", "key", "same", "data", 1)
            .call("put_items", "key", "same-list", "items", List.of(1, 2))
            .call("put_global_item", "table_name", table, "partition_key", "g", "data", 1)
            .call(
                "put_global_items",
                "table_name",
                table,
                "partition_key",
                "gs",
                "items",
                List.of(1, 2, 3))
            .run();

    assertThat(json(java.putItem("same", 1))).isEqualTo(pythonResults.get(0));
    assertThat(json(java.putItems("same-list", List.of(1, 2)))).isEqualTo(pythonResults.get(1));
    assertThat(json(java.putGlobalItem(table, "g", 1))).isEqualTo(pythonResults.get(2));
    assertThat(json(java.putGlobalItems(table, "gs", List.of(1, 2, 3))))
        .isEqualTo(pythonResults.get(3));
  }

  private Map<String, AttributeValue> storedItem(String partitionKey, int index) {
    return aws.storedItem(resources.tableName(), partitionKey, index);
  }

  private static Map<String, Object> mapEventFields(JsonNode pointer, int index) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("items_result_table_name", pointer.get("table_name").asString());
    event.put("items_result_partition_key", pointer.get("partition_key").asString());
    event.put("items_result_key", pointer.get("key").asString());
    event.put("context_index", index);
    event.put("context_value", 1);
    return event;
  }

  private static MapIterationEvent mapEvent(JsonNode pointer, int index) {
    return MapIterationEvent.from(mapEventFields(pointer, index));
  }
}
