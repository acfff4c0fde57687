package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Items the table may hold that this library did not write (Python can write any sort key, anyone
 * can edit the table): the client reads them exactly or refuses them with an exception naming the
 * table, partition key and offending value, and a list write leaves exactly the new list.
 */
@AwsEmulatorTest
class StateDataStoredItemsTest {

  private AwsEmulator aws;
  private StateDataResources resources;
  private StateDataClient client;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    this.client = StateDataFixture.builder(aws, resources).build();
  }

  @Test
  void sortKeysThatAreNotListIndexesAreNamedNotParsedAsIntegers() {
    storeRaw("exec-1:wide", "2147483648", "\"too wide\"");
    storeRaw("exec-1:fraction", "1.5", "\"half\"");

    assertThatThrownBy(() -> client.getItems("wide", String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessage(
            "The state data item of table '"
                + resources.tableName()
                + "', partition key 'exec-1:wide' cannot be read: its sort key 2147483648 is not a"
                + " list index (an integer from 0 to 2147483647)");
    assertThatThrownBy(() -> client.getAll(ListRef.local("fraction"), String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessageContaining("partition key 'exec-1:fraction'")
        .hasMessageContaining("its sort key 1.5 is not a list index");
  }

  @Test
  void aBatchOfLargeInlineElementsIsSplitIntoTransactionsOfAtMost4Mb() {
    // 25 elements of 380,000 bytes of JSON each stay inline: 9.5 MB, over TransactWriteItems' 4 MB.
    AtomicInteger transactions = new AtomicInteger();
    AtomicLong largest = new AtomicLong();
    DynamoDbClient counted =
        aws.configure(DynamoDbClient.builder())
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeTransmission(
                              Context.BeforeTransmission context, ExecutionAttributes attributes) {
                            if (context.request() instanceof TransactWriteItemsRequest request) {
                              transactions.incrementAndGet();
                              long bytes =
                                  request.transactItems().stream()
                                      .mapToLong(w -> w.put().item().get("data").s().length())
                                      .sum();
                              largest.accumulateAndGet(bytes, Math::max);
                            }
                          }
                        }))
            .build();
    List<String> elements =
        IntStream.range(0, 25)
            .mapToObj(i -> i + "x".repeat(380_000 - 3 - Integer.toString(i).length()))
            .toList();

    StateDataFixture.builder(aws, resources)
        .dynamoDbClient(counted)
        .build()
        .putItems("big", elements);

    assertThat(transactions.get()).isEqualTo(3);
    assertThat(largest.get()).isLessThanOrEqualTo(4_000_000);
    assertThat(aws.storedItem(resources.tableName(), "exec-1:big", 24)).containsKey("data");
    assertThat(client.getItems("big", String.class)).containsExactlyElementsOf(elements);
  }

  @Test
  void aListWriteLeavesExactlyTheNewListWhateverIndexesWereStoredBefore() {
    storeRaw("exec-1:lines", "-2", "\"python minus two\"");
    storeRaw("exec-1:lines", "-1", "\"python minus one\"");
    storeRaw("exec-1:lines", "5", "\"old five\"");

    client.putItems("lines", List.of("a", "b", "c"));

    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lines"))
        .containsExactly(0, 1, 2);
    assertThat(client.getItems("lines", String.class)).containsExactly("a", "b", "c");
  }

  @Test
  void elementsAtNegativeIndexesAreNotReadAsPartOfAList() {
    storeRaw("exec-1:lines", "-1", "\"python minus one\"");
    storeRaw("exec-1:lines", "0", "\"zero\"");

    assertThatThrownBy(() -> client.getItems("lines", String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessageContaining("its sort key -1 is not a list index");
  }

  @Test
  void aGapIsReportedWithItsIndexesNeverClosedByShiftingElements() {
    ItemsPointer pointer = client.putItems("lines", List.of("a", "b", "c", "d", "e"));
    deleteRaw("exec-1:lines", 2);
    deleteRaw("exec-1:lines", 4);

    assertThatThrownBy(() -> client.getItems("lines", String.class))
        .isInstanceOf(ElementsMissingException.class)
        .hasMessage(
            "1 element(s) of the list at table '"
                + resources.tableName()
                + "', partition key 'exec-1:lines' are missing: indexes [2]")
        .satisfies(
            missing ->
                assertThat(((ElementsMissingException) missing).indexes()).containsExactly(2));
    // Through its pointer the list has five elements, so the last one is missing too.
    assertThatThrownBy(() -> client.getAll(ListRef.of(pointer), String.class))
        .isInstanceOf(ElementsMissingException.class)
        .satisfies(
            missing ->
                assertThat(((ElementsMissingException) missing).indexes()).containsExactly(2, 4));
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lines"))
        .containsExactly(0, 1, 3);
  }

  @Test
  void anS3KeyOutsideTheItemsOwnPrefixIsNotFollowed() {
    String otherObject = "workflow_state_data/other-table/exec-9:secrets/0";
    aws.s3Client()
        .putObject(
            request -> request.bucket(resources.bucketName()).key(otherObject),
            RequestBody.fromString("\"someone else's data\""));
    storeRawOffloaded("exec-1:report", otherObject);
    storeRawOffloaded(
        "exec-1:escape",
        "workflow_state_data/" + resources.tableName() + "/exec-1:escape/../../other-table/x");

    assertThatThrownBy(() -> client.getItem("report", String.class))
        .isInstanceOf(InvalidStoredItemException.class)
        .hasMessageContaining("partition key 'exec-1:report'")
        .hasMessageContaining("its s3_key at index 0 lies outside the item's prefix")
        .hasMessageNotContaining("someone else");
    assertThatThrownBy(() -> client.getItem("escape", String.class))
        .isInstanceOf(InvalidStoredItemException.class);
  }

  @Test
  void aListWhoseOffloadedElementWouldHaveATooLongS3KeyIsRejectedBeforeAnyWrite() {
    StateDataClient offloading =
        StateDataFixture.builder(aws, resources).offloadThreshold(50).build();
    // The S3 key of index 0 (followed by "/" and the putAll's 22-character generation) is S3's
    // 1,024 bytes exactly: indexes 0 to 9 fit, index 10 does not.
    String prefix = "workflow_state_data/" + resources.tableName() + "/";
    String partitionKey = "p".repeat(1024 - prefix.length() - "/0".length() - 23);
    List<String> elements = new java.util.ArrayList<>(java.util.Collections.nCopies(11, "small"));
    elements.set(3, "x".repeat(100));
    elements.set(10, "x".repeat(100));

    assertThatThrownBy(
            () -> offloading.putAll(ListRef.global(resources.tableName(), partitionKey), elements))
        .isInstanceOf(InvalidStateDataRequestException.class)
        .hasMessageContaining(
            "index 10 needs offloading, but its S3 key would exceed S3's 1024-byte");

    assertThat(StateDataFixture.storedIndexes(aws, resources, partitionKey)).isEmpty();
    assertThat(
            aws.s3Client()
                .listObjectsV2(request -> request.bucket(resources.bucketName()))
                .contents())
        .isEmpty();

    elements.set(10, "small");
    offloading.putAll(ListRef.global(resources.tableName(), partitionKey), elements);
    assertThat(StateDataFixture.storedIndexes(aws, resources, partitionKey)).hasSize(11);
    assertThat(offloading.getAll(ListRef.global(resources.tableName(), partitionKey), String.class))
        .isEqualTo(elements);
  }

  private void storeRaw(String partitionKey, String sortKey, String json) {
    store(partitionKey, sortKey, "data", json);
  }

  private void storeRawOffloaded(String partitionKey, String s3Key) {
    store(partitionKey, "0", "s3_key", s3Key);
  }

  private void store(String partitionKey, String sortKey, String attribute, String value) {
    aws.dynamoDbClient()
        .putItem(
            request ->
                request
                    .tableName(resources.tableName())
                    .item(
                        Map.of(
                            "partition_key",
                            AttributeValue.fromS(partitionKey),
                            "sort_key",
                            AttributeValue.fromN(sortKey),
                            attribute,
                            AttributeValue.fromS(value),
                            "expires_at",
                            AttributeValue.fromN("1900000000"))));
  }

  private void deleteRaw(String partitionKey, int index) {
    aws.dynamoDbClient()
        .deleteItem(
            request ->
                request
                    .tableName(resources.tableName())
                    .key(
                        Map.of(
                            "partition_key", AttributeValue.fromS(partitionKey),
                            "sort_key", AttributeValue.fromN(Integer.toString(index)))));
  }
}
