package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Invalid requests are rejected with a clear message before any AWS call. */
class StateDataClientValidationTest {

  private final List<String> awsCalls = new ArrayList<>();
  private StateDataClient client;

  @BeforeEach
  void setUp() {
    DynamoDbClient recordingClient =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                  awsCalls.add(method.getName());
                  throw new AssertionError("unexpected AWS call " + method.getName());
                });
    client =
        StateDataClient.builder()
            .dynamoDbClient(recordingClient)
            .tableName("state-table")
            .namespace("exec-1")
            .allowedGlobalTables(List.of("other-table"))
            .build();
  }

  static Stream<Arguments> invalidRequests() {
    String longKey = "k".repeat(2100);
    return Stream.of(
        Arguments.of("blank key", call(c -> c.putItem(" ", "x")), "key must not be blank"),
        Arguments.of("null key", call(c -> c.getItem(null, Object.class)), "key must not be null"),
        Arguments.of(
            "negative index",
            call(c -> c.putItem("k", "x", -1)),
            "index must be 0 or more, was -1"),
        Arguments.of("negative read index", call(c -> c.getItem("k", -3, Object.class)), "was -3"),
        Arguments.of(
            "partition key over 2048 bytes",
            call(c -> c.putItem(longKey, "x")),
            "over DynamoDB's 2048-byte limit"),
        Arguments.of(
            "global partition key over 2048 bytes",
            call(c -> c.getGlobalItems("other-table", longKey, Object.class)),
            "2100 bytes"),
        Arguments.of(
            "invalid table name",
            call(c -> c.getGlobalItem("bad table!", "pk", Object.class)),
            "'bad table!' is not a valid DynamoDB table name"),
        Arguments.of(
            "table outside allow-list",
            call(c -> c.getGlobalItem("secret-table", "pk", Object.class)),
            "Table 'secret-table' is not in the tables global state data operations may use"),
        Arguments.of(
            "blank global partition key",
            call(c -> c.putGlobalItems("other-table", "", List.of(1))),
            "partition key must not be blank"),
        Arguments.of(
            "map event without key",
            call(
                c ->
                    c.getItemForMapIteration(
                        new MapIterationEvent("t", "p", null, 0), Object.class)),
            "missing field 'items_result_key'"),
        Arguments.of(
            "map event without table",
            call(
                c ->
                    c.getGlobalItemForMapIteration(
                        new MapIterationEvent(null, "p", "k", 0), Object.class)),
            "missing field 'items_result_table_name'"),
        Arguments.of(
            "map event without partition key",
            call(
                c ->
                    c.putGlobalItemForMapIteration(
                        new MapIterationEvent("other-table", null, "k", 0), 1)),
            "missing field 'items_result_partition_key'"),
        Arguments.of(
            "null reference",
            call(c -> c.get(null, Object.class)),
            "State data reference must not be null"),
        Arguments.of(
            "negative index of a global reference",
            call(c -> c.get(ItemRef.global("other-table", "pk", -1), Object.class)),
            "index must be 0 or more, was -1"),
        Arguments.of(
            "negative element of a list",
            call(c -> c.put(ListRef.local("k").element(-2), "x")),
            "index must be 0 or more, was -2"),
        Arguments.of(
            "item pointer into a table outside the allow-list",
            call(c -> c.get(ItemRef.of(new ItemPointer("secret-table", "pk", null)), Object.class)),
            "Table 'secret-table' is not in the tables"),
        Arguments.of(
            "items pointer into a table outside the allow-list",
            call(
                c ->
                    c.getAll(
                        ListRef.of(ItemsPointer.of("secret-table", "pk", null, 3)), Object.class)),
            "Table 'secret-table' is not in the tables"),
        Arguments.of(
            "map event naming a table outside the allow-list",
            call(c -> c.put(ItemRef.of(new MapIterationEvent("secret-table", "pk", "k", 0)), "x")),
            "Table 'secret-table' is not in the tables"),
        Arguments.of(
            "null list",
            call(c -> c.putAll(ListRef.local("k"), null)),
            "State data list must not be null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void rejectsBeforeCallingAws(String name, Consumer<StateDataClient> request, String message) {
    assertThatThrownBy(() -> request.accept(client))
        .isInstanceOf(InvalidStateDataRequestException.class)
        .hasMessageContaining(message);
    assertThat(awsCalls).isEmpty();
  }

  @Test
  void defaultTableIsAlwaysAllowedForGlobalOperations() {
    assertThatThrownBy(() -> client.getGlobalItem("state-table", "pk", Object.class))
        .isInstanceOf(AssertionError.class);
    assertThat(awsCalls).containsExactly("getItem");
  }

  @Test
  void localOperationWithoutNamespaceNamesWhatIsMissing() {
    StateDataClient withoutNamespace =
        StateDataClient.builder().dynamoDbClient(unusedClient()).tableName("t-1").build();
    assertThatThrownBy(() -> withoutNamespace.putItem("characters", 1))
        .isInstanceOf(StateDataConfigurationException.class)
        .hasMessageContaining("Local key 'characters' needs a namespace");
  }

  @Test
  void localOperationWithoutTableNamesTheProperty() {
    StateDataClient withoutTable =
        StateDataClient.builder().dynamoDbClient(unusedClient()).namespace("exec-1").build();
    assertThatThrownBy(() -> withoutTable.getItems("characters", Object.class))
        .isInstanceOf(StateDataConfigurationException.class)
        .hasMessageContaining("py2sfn.table-name");
  }

  @Test
  void unserializableDataNamesKeyAndIndexButNotTheData() {
    Object selfReferencing = new SelfReferencing();
    assertThatThrownBy(() -> client.putItem("characters", selfReferencing, 4))
        .isInstanceOf(ItemSerializationException.class)
        .hasMessageContaining("partition key 'exec-1:characters', index 4")
        .hasMessageContaining(SelfReferencing.class.getName())
        .hasNoCause();
    assertThat(awsCalls).isEmpty();
  }

  @Test
  void unserializableListElementIsReportedAsNotWrittenWithoutLookingUpStaleElements() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    assertThatThrownBy(() -> client.putItems("characters", List.of(cyclic)))
        .isInstanceOf(ItemsNotWrittenException.class)
        .hasMessageContaining("indexes [0]")
        .satisfies(e -> assertThat(((ItemsNotWrittenException) e).indexes()).containsExactly(0));
    assertThat(awsCalls).isEmpty();
  }

  @Test
  void builderRejectsInvalidSettings() {
    assertThatThrownBy(() -> StateDataClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a DynamoDbClient");
    assertThatThrownBy(
            () ->
                StateDataClient.builder()
                    .dynamoDbClient(unusedClient())
                    .offloadThreshold(400_000)
                    .build())
        .hasMessageContaining("between 1 and 390000 bytes");
    assertThatThrownBy(
            () ->
                StateDataClient.builder().dynamoDbClient(unusedClient()).maxConcurrency(0).build())
        .hasMessageContaining("maxConcurrency must be at least 1");
  }

  @Test
  void mapIterationEventFromRawMapValidatesFields() {
    assertThat(
            MapIterationEvent.from(
                Map.of("items_result_key", "characters", "context_index", 3, "context_value", 1)))
        .isEqualTo(new MapIterationEvent(null, null, "characters", 3));
    assertThatThrownBy(() -> MapIterationEvent.from(Map.of("items_result_key", "k")))
        .isInstanceOf(InvalidStateDataRequestException.class)
        .hasMessage("Map iteration event is missing field 'context_index'");
    assertThatThrownBy(() -> MapIterationEvent.from(Map.of("context_index", -1)))
        .hasMessageContaining("'context_index' must be a non-negative integer");
    assertThatThrownBy(() -> MapIterationEvent.from(Map.of("context_index", 1.5)))
        .hasMessageContaining("'context_index' must be a non-negative integer");
    assertThatThrownBy(() -> MapIterationEvent.from(Map.of("context_index", "2")))
        .hasMessageContaining("'context_index' must be a non-negative integer");
    assertThatThrownBy(
            () -> MapIterationEvent.from(Map.of("context_index", 0, "items_result_key", 7)))
        .hasMessageContaining("'items_result_key' must be a string, not a Integer");
  }

  private static Consumer<StateDataClient> call(Consumer<StateDataClient> call) {
    return call;
  }

  private static DynamoDbClient unusedClient() {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            StateDataClientValidationTest.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, args) -> {
              throw new AssertionError("unexpected AWS call " + method.getName());
            });
  }

  /** A bean Jackson cannot write: it refers to itself. */
  static final class SelfReferencing {
    public SelfReferencing getSelf() {
      return this;
    }
  }
}
