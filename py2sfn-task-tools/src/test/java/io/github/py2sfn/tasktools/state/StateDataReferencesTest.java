package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.type.TypeReference;

/**
 * The reference API: each kind of reference and pointer addresses exactly the items the Python
 * vocabulary does, and a pointer a task returned is read back as it is, in any execution.
 */
@AwsEmulatorTest
class StateDataReferencesTest {

  record Line(String sku, int quantity) {}

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient client;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.client = StateDataFixture.builder(aws, resources).offloadThreshold(100).build();
  }

  @Nested
  class Items {

    @Test
    void aLocalReferenceIsTheExecutionsKeyInTheDefaultTable() {
      ItemPointer pointer = client.put(ItemRef.local("line", 2), new Line("a-1", 3));

      assertThat(pointer).isEqualTo(new ItemPointer(resources.tableName(), "exec-1:line", "line"));
      assertThat(client.getItem("line", 2, Line.class)).isEqualTo(new Line("a-1", 3));
      assertThat(client.get(ItemRef.local("line", 2), Line.class)).isEqualTo(new Line("a-1", 3));
      assertThat(client.resolve(ItemRef.local("line", 2)))
          .isEqualTo(new ItemRef.Global(resources.tableName(), "exec-1:line", 2));
    }

    @Test
    void aGlobalReferenceIsTheTableAndPartitionKeyItNames() {
      ItemPointer pointer =
          client.put(ItemRef.global(resources.tableName(), "shared:settings"), Map.of("on", true));

      assertThat(pointer)
          .isEqualTo(new ItemPointer(resources.tableName(), "shared:settings", null));
      assertThat(client.getGlobalItem(resources.tableName(), "shared:settings", Map.class))
          .isEqualTo(Map.of("on", true));
    }

    @Test
    void anItemPointerIsReadBackInAnotherExecution() {
      ItemPointer pointer = client.putItem("order", new Line("b-2", 1));
      StateDataClient laterExecution = client.withNamespace("exec-2");

      assertThat(laterExecution.get(ItemRef.of(pointer), Line.class)).isEqualTo(new Line("b-2", 1));
      assertThatThrownBy(() -> laterExecution.get(ItemRef.local("order"), Line.class))
          .isInstanceOf(ItemNotFoundException.class)
          .hasMessageContaining("partition key 'exec-2:order', index 0");
    }

    @Test
    void aMapIterationEventAddressesItsElementByTableAndPartitionKey() {
      ItemsPointer lines = client.putItems("lines", List.of(new Line("a", 1), new Line("b", 2)));
      MapIterationEvent iteration =
          new MapIterationEvent(lines.tableName(), lines.partitionKey(), lines.key(), 1);

      assertThat(client.withNamespace("child-execution").get(ItemRef.of(iteration), Line.class))
          .isEqualTo(new Line("b", 2));
      assertThat(client.getItemForMapIteration(iteration, Line.class)).isEqualTo(new Line("b", 2));
    }

    @Test
    void aMapIterationEventWithOnlyItsKeyAddressesTheLocalList() {
      client.putItems("lines", List.of(new Line("a", 1), new Line("b", 2)));
      MapIterationEvent iteration = new MapIterationEvent(null, null, "lines", 0);

      assertThat(ItemRef.of(iteration)).isEqualTo(ItemRef.local("lines", 0));
      assertThat(client.get(ItemRef.of(iteration), Line.class)).isEqualTo(new Line("a", 1));
    }

    @Test
    void aMapIterationResultWrittenThroughTheEventReplacesItsElement() {
      ItemsPointer lines = client.putItems("lines", List.of(new Line("a", 1), new Line("b", 2)));
      MapIterationEvent iteration =
          new MapIterationEvent(lines.tableName(), lines.partitionKey(), lines.key(), 0);

      client.put(ItemRef.of(iteration), new Line("a", 10));

      assertThat(client.getItems("lines", Line.class))
          .containsExactly(new Line("a", 10), new Line("b", 2));
    }

    @Test
    void getRefusesJsonNullWhereGetOrNullAndThePythonVocabularyReturnNull() {
      client.put(ItemRef.local("nothing"), null);

      assertThatThrownBy(() -> client.get(ItemRef.local("nothing"), Line.class))
          .isInstanceOf(NullItemException.class)
          .hasMessage(
              "The state data item at table '"
                  + resources.tableName()
                  + "', partition key 'exec-1:nothing', index 0 holds JSON null: read it with"
                  + " getOrNull")
          .extracting(thrown -> ((NullItemException) thrown).location())
          .isEqualTo(new ItemRef.Global(resources.tableName(), "exec-1:nothing", 0));
      assertThat(client.getOrNull(ItemRef.local("nothing"), Line.class)).isNull();
      assertThat(client.getItem("nothing", Line.class)).isNull();
    }

    @Test
    void genericTypesAreReadWithATypeReference() {
      client.put(ItemRef.local("lines"), List.of(new Line("a", 1)));

      assertThat(client.get(ItemRef.local("lines"), new TypeReference<List<Line>>() {}))
          .containsExactly(new Line("a", 1));
      assertThat(client.getOrNull(ItemRef.local("lines"), new TypeReference<List<Line>>() {}))
          .containsExactly(new Line("a", 1));
    }
  }

  @Nested
  class Lists {

    @Test
    void anItemsPointerIsReadBackInAnotherExecution() {
      ItemsPointer pointer =
          client.putAll(ListRef.local("lines"), List.of(new Line("a", 1), new Line("b", 2)));

      assertThat(pointer)
          .isEqualTo(ItemsPointer.of(resources.tableName(), "exec-1:lines", "lines", 2));
      assertThat(client.withNamespace("exec-2").getAll(ListRef.of(pointer), Line.class))
          .containsExactly(new Line("a", 1), new Line("b", 2));
    }

    @Test
    void aGlobalListIsWrittenAndReadWhereTheCallerSays() {
      String otherTable = aws.createStateDataTable();

      ItemsPointer pointer =
          client.putAll(ListRef.global(otherTable, "shared:lines"), List.of(1, 2));

      assertThat(pointer).isEqualTo(ItemsPointer.of(otherTable, "shared:lines", null, 2));
      assertThat(client.getAll(ListRef.global(otherTable, "shared:lines"), Integer.class))
          .containsExactly(1, 2);
      assertThat(client.getAll(ListRef.of(pointer), new TypeReference<Integer>() {}))
          .containsExactly(1, 2);
      assertThat(client.getGlobalItems(resources.tableName(), "shared:lines", Integer.class))
          .isEmpty();
    }

    @Test
    void anElementOfAListIsOneItem() {
      ItemsPointer pointer = client.putItems("lines", List.of(new Line("a", 1), new Line("b", 2)));

      assertThat(ListRef.of(pointer).element(1))
          .isEqualTo(ItemRef.global(resources.tableName(), "exec-1:lines", 1));
      assertThat(client.get(ListRef.of(pointer).element(1), Line.class))
          .isEqualTo(new Line("b", 2));
      assertThat(client.get(ListRef.local("lines").element(0), Line.class))
          .isEqualTo(new Line("a", 1));
    }

    @Test
    void aPointerIsReadWithParallelRangeQueriesInIndexOrder() {
      HttpFaultInjector calls = new HttpFaultInjector();
      DynamoDbClient countingDynamoDb =
          aws.configure(DynamoDbClient.builder())
              .httpClient(calls.wrap(UrlConnectionHttpClient.create()))
              .overrideConfiguration(o -> o.addExecutionInterceptor(calls))
              .build();
      StateDataClient counted =
          StateDataFixture.builder(aws, resources)
              .dynamoDbClient(countingDynamoDb)
              .offloadThreshold(100)
              .maxConcurrency(4)
              .build();
      List<String> elements =
          IntStream.range(0, 1_000)
              .mapToObj(i -> i % 250 == 7 ? "offloaded-" + "x".repeat(100) + i : "element-" + i)
              .toList();
      ItemsPointer pointer = counted.putItems("elements", elements);
      int queriesOfThePut = calls.attempts("Query");

      List<String> read = counted.getAll(ListRef.of(pointer), String.class);

      assertThat(read).containsExactlyElementsOf(elements);
      // 1,000 indexes in 4 ranges of 250: one Query each, however the pages fall.
      assertThat(calls.attempts("Query") - queriesOfThePut).isEqualTo(4);
    }

    @Test
    void aPointerReadsTheIndexesItRecords() {
      ItemsPointer firstThree = client.putItems("lines", List.of(1, 2, 3));
      client.putItem("lines", 4, 3);

      assertThat(client.getAll(ListRef.of(firstThree), Integer.class)).containsExactly(1, 2, 3);
      assertThat(client.getAll(ListRef.local("lines"), Integer.class)).containsExactly(1, 2, 3, 4);
    }
  }
}
