package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Faults injected into real SDK calls against the emulator: throttled batch writes, permanently
 * failing elements and failing S3 uploads. Each test checks what is stored afterwards.
 */
@AwsEmulatorTest
class StateDataFaultInjectionTest {

  static final int THRESHOLD = 1_000;
  static final BatchRetry FAST_RETRY =
      new BatchRetry(6, Duration.ofMillis(1), Duration.ofMillis(10));

  private AwsEmulator aws;
  private StateDataResources resources;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @Test
  void unprocessedItemsOfEveryBatchAreRetriedUntilAllAreWritten() {
    UnprocessedItemsInjector injector = new UnprocessedItemsInjector(index -> true, new Random(7));
    StateDataClient client = client(injector, aws.s3Client());
    List<String> elements = IntStream.range(0, 300).mapToObj(i -> "element-" + i).toList();

    client.putItems("throttled", elements);

    assertThat(injector.leftUnprocessed.get()).isGreaterThan(100);
    assertThat(reader().getItems("throttled", String.class)).containsExactlyElementsOf(elements);
  }

  @Test
  void permanentlyUnprocessedElementsAreNamedAndTheOthersWritten() {
    Set<Integer> failing = Set.of(3, 27, 28, 99);
    UnprocessedItemsInjector injector = new UnprocessedItemsInjector(failing::contains, null);
    StateDataClient client = client(injector, aws.s3Client());
    List<Integer> elements = IntStream.range(0, 100).boxed().toList();

    assertThatThrownBy(() -> client.putItems("stuck", elements))
        .isInstanceOfSatisfying(
            ItemsNotWrittenException.class,
            failure -> {
              assertThat(failure.indexes()).containsExactly(3, 27, 28, 99);
              assertThat(failure.partitionKey()).isEqualTo("exec-1:stuck");
            })
        .hasMessageContaining("4 state data item(s) were not written")
        .hasMessageContaining("indexes [3, 27, 28, 99]");

    assertThat(storedIndexes("exec-1:stuck")).hasSize(96).doesNotContain(3, 27, 28, 99);
    assertThatThrownBy(() -> reader().getItems("stuck", Integer.class))
        .isInstanceOfSatisfying(
            ElementsMissingException.class,
            missing -> assertThat(missing.indexes()).containsExactly(3, 27, 28));
  }

  @Test
  void failedS3UploadLeavesNoItemPointingToAMissingObject() {
    S3Client failingS3 =
        aws.configure(S3Client.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new FailingUpload("/2")))
            .build();
    StateDataClient client = client(new UnprocessedItemsInjector(index -> false, null), failingS3);
    String large = "x".repeat(THRESHOLD * 2);

    assertThatThrownBy(() -> client.putItems("uploads", List.of(large, "small", large, large)))
        .isInstanceOfSatisfying(
            ItemsNotWrittenException.class,
            failure -> assertThat(failure.indexes()).containsExactly(2));

    assertThat(aws.storedItem(resources.tableName(), "exec-1:uploads", 2)).isEmpty();
    assertThat(storedIndexes("exec-1:uploads")).containsExactly(0, 1, 3);
    assertThat(reader().get(ItemRef.local("uploads", 3), String.class)).isEqualTo(large);
  }

  private List<Integer> storedIndexes(String partitionKey) {
    return aws.storedItems(resources.tableName(), partitionKey).stream()
        .map(item -> Integer.parseInt(item.get("sort_key").n()))
        .toList();
  }

  private StateDataClient client(UnprocessedItemsInjector injector, S3Client s3) {
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(injector))
            .build();
    return StateDataFixture.builder(aws, resources)
        .dynamoDbClient(dynamoDb)
        .s3Client(s3)
        .offloadThreshold(THRESHOLD)
        .unprocessedItemsRetry(FAST_RETRY)
        .build();
  }

  private StateDataClient reader() {
    return StateDataFixture.builder(aws, resources).build();
  }

  /**
   * Holds back put requests from BatchWriteItem calls before they are sent and reports them as
   * {@code UnprocessedItems}, as DynamoDB does when it throttles part of a batch.
   */
  static final class UnprocessedItemsInjector implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<WriteRequest>> HELD_BACK =
        new ExecutionAttribute<>("heldBack");

    private static final int MAX_RANDOM_HOLDS_PER_INDEX = 2;

    private final Predicate<Integer> eligible;
    private final Random random;
    private final Map<Integer, AtomicInteger> holds = new ConcurrentHashMap<>();
    final AtomicInteger leftUnprocessed = new AtomicInteger();

    /**
     * @param eligible which indexes may be held back
     * @param random holds back a random half of the eligible ones, each at most twice so that
     *     retries converge; when null, holds back all eligible ones every time
     */
    UnprocessedItemsInjector(Predicate<Integer> eligible, Random random) {
      this.eligible = eligible;
      this.random = random;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      if (!(context.request() instanceof BatchWriteItemRequest request)) {
        return context.request();
      }
      String table = request.requestItems().keySet().iterator().next();
      List<WriteRequest> sent = new ArrayList<>();
      List<WriteRequest> heldBack = new ArrayList<>();
      for (WriteRequest write : request.requestItems().get(table)) {
        boolean hold = write.putRequest() != null && shouldHold(write.putRequest().item());
        (hold ? heldBack : sent).add(write);
      }
      if (sent.isEmpty()) {
        // DynamoDB rejects an empty batch: send a write to an unrelated partition key instead.
        sent.add(
            WriteRequest.builder()
                .putRequest(
                    p ->
                        p.item(
                            Map.of(
                                "partition_key", AttributeValue.fromS("injector:filler"),
                                "sort_key", AttributeValue.fromN("0"))))
                .build());
      }
      attributes.putAttribute(HELD_BACK, heldBack);
      leftUnprocessed.addAndGet(heldBack.size());
      return request.toBuilder().requestItems(Map.of(table, sent)).build();
    }

    private boolean shouldHold(Map<String, AttributeValue> item) {
      int index = Integer.parseInt(item.get("sort_key").n());
      if (!item.get("partition_key").s().startsWith("exec-") || !eligible.test(index)) {
        return false;
      }
      if (random == null) {
        return true;
      }
      return random.nextBoolean()
          && holds.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet()
              <= MAX_RANDOM_HOLDS_PER_INDEX;
    }

    @Override
    public SdkResponse modifyResponse(
        Context.ModifyResponse context, ExecutionAttributes attributes) {
      List<WriteRequest> heldBack = attributes.getAttribute(HELD_BACK);
      if (!(context.response() instanceof BatchWriteItemResponse response)
          || heldBack == null
          || heldBack.isEmpty()) {
        return context.response();
      }
      String table =
          ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
      return response.toBuilder().unprocessedItems(Map.of(table, heldBack)).build();
    }
  }

  /** Fails every S3 PutObject whose key ends with a suffix, before it is sent. */
  record FailingUpload(String keySuffix) implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof PutObjectRequest put && put.key().endsWith(keySuffix)) {
        throw SdkClientException.create("injected S3 PutObject failure for " + put.key());
      }
    }
  }
}
