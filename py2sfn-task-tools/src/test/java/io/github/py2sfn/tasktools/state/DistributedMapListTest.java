package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.test.emulator.PythonOriginal.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Lists for a Distributed Map: the elements as {@code putAll} stores them, plus the JSON Lines
 * object an {@code ItemReader} ({@code arn:aws:states:::s3:getObject}, {@code InputType: JSONL})
 * reads, one line per element, each line the child execution's input (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html">ItemReader
 * (Map)</a>: "JSONL ... each line is a valid JSON object"; a child execution's input is its item).
 */
@AwsEmulatorTest
class DistributedMapListTest {

  static final int THRESHOLD = 2_000;

  record Line(String sku, int quantity) {}

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient client;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.client = StateDataFixture.builder(aws, resources).offloadThreshold(THRESHOLD).build();
  }

  private static List<Line> lines(int count) {
    return IntStream.range(0, count).mapToObj(i -> new Line("sku-" + i, i)).toList();
  }

  private String object(S3ObjectLocation location) {
    return aws.s3Client()
        .getObjectAsBytes(request -> request.bucket(location.bucket()).key(location.key()))
        .asString(StandardCharsets.UTF_8);
  }

  /** The JSON Lines object, line by line, as the child executions receive it. */
  private List<MapIterationEvent> events(DistributedMapPointer pointer) {
    String body = object(pointer.itemReader());
    assertThat(body)
        .satisfiesAnyOf(
            text -> assertThat(text).isEmpty(), text -> assertThat(text).endsWith("\n"));
    return body.lines().map(line -> JSON.readValue(line, MapIterationEvent.class)).toList();
  }

  @Test
  void eachLineIsTheMapIterationEventOfItsElementAndThePointerStaysSmall() {
    DistributedMapPointer pointer =
        client.putAllForDistributedMap(ListRef.local("lines"), lines(3).iterator());

    String table = resources.tableName();
    assertThat(pointer.size()).isEqualTo(3);
    assertThat(pointer.itemReader().bucket()).isEqualTo(resources.bucketName());
    assertThat(pointer.itemReader().key())
        .matches(
            "workflow_state_data/"
                + table
                + "/exec-1:lines/distributed_map/\\d{13}-[0-9a-f]{8}\\.jsonl");
    assertThat((JsonNode) JSON.valueToTree(pointer))
        .isEqualTo(
            JSON.readTree(
                "{\"table_name\":\""
                    + table
                    + "\",\"partition_key\":\"exec-1:lines\",\"key\":\"lines\",\"size\":3,"
                    + "\"item_reader\":{\"Bucket\":\""
                    + resources.bucketName()
                    + "\",\"Key\":\""
                    + pointer.itemReader().key()
                    + "\"}}"));
    assertThat(events(pointer))
        .containsExactly(
            new MapIterationEvent(table, "exec-1:lines", "lines", 0),
            new MapIterationEvent(table, "exec-1:lines", "lines", 1),
            new MapIterationEvent(table, "exec-1:lines", "lines", 2));
    HeadObjectResponse head =
        aws.s3Client()
            .headObject(
                request -> request.bucket(resources.bucketName()).key(pointer.itemReader().key()));
    assertThat(head.contentLength()).isEqualTo(object(pointer.itemReader()).length());
  }

  @Test
  void aChildExecutionReadsItsElementFromItsLineInAnyNamespace() {
    List<Line> written = lines(60);
    DistributedMapPointer pointer =
        client.putAllForDistributedMap(ListRef.local("lines"), written.iterator());

    // A child execution has a name of its own: the event's table and partition key lead it back.
    StateDataClient child = client.withNamespace("child-execution-7");
    List<MapIterationEvent> events = events(pointer);
    for (MapIterationEvent event : events) {
      assertThat(child.get(ItemRef.of(event), Line.class))
          .isEqualTo(written.get(event.contextIndex()));
    }
    // In the parent's namespace the Python vocabulary's local read finds it too.
    assertThat(client.getItemForMapIteration(events.get(42), Line.class))
        .isEqualTo(written.get(42));
    assertThat(client.getAll(ListRef.of(pointer), Line.class)).isEqualTo(written);
  }

  @Test
  void pythonsMapIterationReadsFindTheElementOfALine() {
    DistributedMapPointer pointer =
        client.putAllForDistributedMap(
            ListRef.local("lines"), List.of("first", Map.of("second", 2)).iterator());
    Map<String, Object> line =
        JSON.readValue(
            object(pointer.itemReader()).lines().toList().get(1),
            new TypeReference<Map<String, Object>>() {});

    List<JsonNode> read =
        new PythonOriginal(aws, resources.tableName(), resources.bucketName(), "exec-1")
            .call("get_item_for_map_iteration", "event", line)
            .call("get_global_item_for_map_iteration", "event", line)
            .run();

    JsonNode second = JSON.valueToTree(Map.of("second", 2));
    assertThat(read).containsExactly(second, second);
  }

  @Test
  void aGlobalListsLinesNameTableAndPartitionKeyOnly() {
    DistributedMapPointer pointer =
        client.putAllForDistributedMap(
            ListRef.global(resources.tableName(), "shared:lines"), lines(2).iterator());

    assertThat(pointer.key()).isNull();
    assertThat(object(pointer.itemReader()).lines().toList().get(1))
        .isEqualTo(
            "{\"items_result_table_name\":\""
                + resources.tableName()
                + "\",\"items_result_partition_key\":\"shared:lines\",\"context_index\":1}");
  }

  @Test
  void anEmptyListHasAnEmptyObjectAndRemovesAnEarlierList() {
    client.putAll(ListRef.local("lines"), lines(30));

    DistributedMapPointer pointer =
        client.putAllForDistributedMap(ListRef.local("lines"), List.of().iterator());

    assertThat(pointer.size()).isZero();
    assertThat(object(pointer.itemReader())).isEmpty();
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lines")).isEmpty();
  }

  @Test
  void aListLongerThanOneChunkIsWrittenWholeAndLeavesNoStaleElements() {
    // maxConcurrency 1: chunks of 50 elements.
    StateDataClient oneAtATime = StateDataFixture.builder(aws, resources).maxConcurrency(1).build();
    oneAtATime.putAll(ListRef.local("lines"), lines(230));
    PullCounter<Line> elements = new PullCounter<>(lines(120).iterator());

    DistributedMapPointer pointer =
        oneAtATime.putAllForDistributedMap(ListRef.local("lines"), elements);

    assertThat(pointer.size()).isEqualTo(120);
    assertThat(elements.pulled).isEqualTo(120);
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lines"))
        .containsExactlyElementsOf(IntStream.range(0, 120).boxed().toList());
    assertThat(events(pointer)).hasSize(120);
    assertThat(oneAtATime.getAll(ListRef.of(pointer), Line.class)).isEqualTo(lines(120));
  }

  @Test
  void offloadedElementsAreReadThroughTheirLines() {
    String big = "x".repeat(THRESHOLD + 1);
    DistributedMapPointer pointer =
        client.putAllForDistributedMap(ListRef.local("notes"), List.of("small", big).iterator());

    MapIterationEvent second = events(pointer).get(1);
    assertThat(aws.storedItem(resources.tableName(), "exec-1:notes", 1)).containsKey("s3_key");
    assertThat(client.withNamespace("child").get(ItemRef.of(second), String.class)).isEqualTo(big);
  }

  @Test
  void aRewriteGoesToANewObjectAndLeavesTheEarlierPointersObjectAsItWas() {
    DistributedMapPointer first =
        client.putAllForDistributedMap(ListRef.local("lines"), lines(3).iterator());
    String before = object(first.itemReader());

    DistributedMapPointer second =
        client.putAllForDistributedMap(ListRef.local("lines"), lines(2).iterator());

    assertThat(second.itemReader().key()).isNotEqualTo(first.itemReader().key());
    assertThat(object(first.itemReader())).isEqualTo(before);
    assertThat(events(second)).hasSize(2);
  }

  @Test
  void withoutABucketNothingIsWritten() {
    StateDataClient noBucket = StateDataFixture.builder(aws, resources).bucket(null).build();

    assertThatThrownBy(
            () -> noBucket.putAllForDistributedMap(ListRef.local("lines"), lines(2).iterator()))
        .isInstanceOf(StateDataConfigurationException.class)
        .hasMessage(
            "The list at table '"
                + resources.tableName()
                + "', partition key 'exec-1:lines' is for a Distributed Map, whose items go to S3,"
                + " but no S3 bucket is configured (py2sfn.bucket, or"
                + " StateDataClient.builder().bucket(...))");
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lines")).isEmpty();
  }

  @Test
  void aFailedUploadNamesBucketKeyAndListButNoData() {
    StateDataClient missingBucket =
        StateDataFixture.builder(aws, resources).bucket("no-such-bucket-for-items").build();

    assertThatThrownBy(
            () ->
                missingBucket.putAllForDistributedMap(
                    ListRef.local("lines"), List.of(new Line("secret-sku", 1)).iterator()))
        .isInstanceOf(StateDataAccessException.class)
        .hasMessageStartingWith(
            "S3 PutObject of 'workflow_state_data/"
                + resources.tableName()
                + "/exec-1:lines/distributed_map/")
        .hasMessageEndingWith(
            ".jsonl' to bucket 'no-such-bucket-for-items' failed for the Distributed Map items of"
                + " the list at table '"
                + resources.tableName()
                + "', partition key 'exec-1:lines'; its elements were written")
        .hasMessageNotContaining("secret-sku");
  }

  @Test
  void aKeyTooLongForTheObjectIsRefusedBeforeAnyWrite() {
    String key =
        "k"
            .repeat(
                1_024
                    - "workflow_state_data//exec-1:/distributed_map/.jsonl".length()
                    - resources.tableName().length()
                    - 22
                    + 1);

    assertThatThrownBy(
            () -> client.putAllForDistributedMap(ListRef.local(key), lines(1).iterator()))
        .isInstanceOf(InvalidStateDataRequestException.class)
        .hasMessageEndingWith("need an S3 key longer than S3's 1024-byte limit: use a shorter key");
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:" + key)).isEmpty();
  }

  /** Counts the elements pulled. */
  private static final class PullCounter<T> implements Iterator<T> {
    private final Iterator<T> elements;
    int pulled;

    PullCounter(Iterator<T> elements) {
      this.elements = elements;
    }

    @Override
    public boolean hasNext() {
      return elements.hasNext();
    }

    @Override
    public T next() {
      pulled++;
      return elements.next();
    }
  }
}
