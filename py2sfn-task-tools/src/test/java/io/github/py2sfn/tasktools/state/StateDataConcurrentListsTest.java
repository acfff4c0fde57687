package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;

/**
 * Two {@code putAll} calls of the same list at once, as a Step Functions retry after a task timeout
 * runs while the first attempt still writes: the older call is held at a chosen request until the
 * newer one finished, then let go. The list stored is exactly the newer one, in the table and in
 * the bucket, and the older call throws {@link ConcurrentListWriteException} naming the key.
 */
@AwsEmulatorTest
class StateDataConcurrentListsTest {

  static final int THRESHOLD = 200;
  static final String KEY = "lines";
  static final String PARTITION_KEY = StateDataFixture.NAMESPACE + ":" + KEY;

  private AwsEmulator aws;
  private StateDataResources resources;
  private final ExecutorService older = Executors.newSingleThreadExecutor();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @AfterEach
  void tearDown() {
    older.shutdownNow();
  }

  @Test
  @Timeout(60)
  void anOlderLongerListHeldAfterItsFirstBatchLeavesExactlyTheNewerList() throws Exception {
    // The older call's batches after the first land once the newer call is done: all beyond the
    // newer list's end, so their conditions hold, and the older call withdraws them itself.
    Hold hold = new Hold(request -> request instanceof TransactWriteItemsRequest, 1);
    List<String> olderList = strings("older", 80);
    List<String> newerList = strings("newer", 20);

    Future<?> olderCall = older.submit(() -> client(hold, aws.s3Client()).putItems(KEY, olderList));
    hold.awaitPassed();
    StateDataFixture.builder(aws, resources)
        .offloadThreshold(THRESHOLD)
        .build()
        .putItems(KEY, newerList);
    hold.release();

    assertLost(olderCall);
    assertStoredListIs(newerList);
    assertThat(hold.held.get()).isPositive();
  }

  @Test
  @Timeout(60)
  void anOlderListWhoseHeldBatchMeetsTheNewerElementsStopsThere() throws Exception {
    Hold hold = new Hold(request -> request instanceof TransactWriteItemsRequest, 1);
    List<String> olderList = strings("older", 60);
    List<String> newerList = strings("newer", 40);

    Future<?> olderCall = older.submit(() -> client(hold, aws.s3Client()).putItems(KEY, olderList));
    hold.awaitPassed();
    reader().putItems(KEY, newerList);
    hold.release();

    assertLost(olderCall);
    assertStoredListIs(newerList);
  }

  @Test
  @Timeout(60)
  void anOlderCallWhoseClaimComesLastWritesNothing() throws Exception {
    // Its generation item write (the first PutItem) is held: the newer call claims first.
    Hold hold = new Hold(request -> request instanceof PutItemRequest, 0);
    List<String> olderList = strings("older", 30);
    List<String> newerList = strings("newer", 10);

    Future<?> olderCall = older.submit(() -> client(hold, aws.s3Client()).putItems(KEY, olderList));
    hold.awaitHeld();
    reader().putItems(KEY, newerList);
    hold.release();

    assertLost(olderCall);
    assertStoredListIs(newerList);
  }

  @Test
  @Timeout(60)
  void offloadedElementsOfAnOlderCallNeverReplaceTheNewerCallsObjects() throws Exception {
    // The older call's uploads of its second and third batches are held until the newer call,
    // whose elements are all offloaded at the same indexes, is done.
    Hold uploads =
        new Hold(
            request ->
                request instanceof PutObjectRequest put
                    && !put.key().matches(".*/(\\d|1\\d|2[0-4])/[^/]+$"),
            0);
    List<String> olderList = bigStrings("older", 60);
    List<String> newerList = bigStrings("newer", 50);
    S3Client s3 =
        aws.configure(S3Client.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(uploads))
            .build();

    Future<?> olderCall =
        older.submit(() -> client(new Hold(request -> false, 0), s3).putItems(KEY, olderList));
    uploads.awaitHeld();
    reader().putItems(KEY, newerList);
    uploads.release();

    assertLost(olderCall);
    assertStoredListIs(newerList);
    for (int index = 0; index < newerList.size(); index++) {
      String s3Key = aws.storedItem(resources.tableName(), PARTITION_KEY, index).get("s3_key").s();
      String body =
          aws.s3Client()
              .getObjectAsBytes(r -> r.bucket(resources.bucketName()).key(s3Key))
              .asUtf8String();
      assertThat(body)
          .as("object of index %d", index)
          .isEqualTo("\"" + newerList.get(index) + "\"");
    }
  }

  @Test
  @Timeout(60)
  void identicalListsWrittenAtOnceConverge() throws Exception {
    Hold hold = new Hold(request -> request instanceof TransactWriteItemsRequest, 1);
    List<String> list = strings("same", 70);

    Future<?> olderCall = older.submit(() -> client(hold, aws.s3Client()).putItems(KEY, list));
    hold.awaitPassed();
    reader().putItems(KEY, list);
    hold.release();

    // The older call meets the newer call's elements: it stops, and the list stays whole.
    assertLost(olderCall);
    assertStoredListIs(list);
  }

  @Test
  @Timeout(120)
  void manyCallsOfTheSameListAtOnceConvergeAndTheNewestSucceeds() throws Exception {
    List<String> list = strings("same", 120);
    StateDataClient client =
        StateDataFixture.builder(aws, resources)
            .offloadThreshold(THRESHOLD)
            .maxConcurrency(4)
            .build();
    ExecutorService calls = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<?>> results = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
          results.add(calls.submit(() -> client.putItems(KEY, list)));
        }
        int succeeded = 0;
        for (Future<?> result : results) {
          try {
            result.get();
            succeeded++;
          } catch (java.util.concurrent.ExecutionException lost) {
            assertThat(lost.getCause()).isInstanceOf(ConcurrentListWriteException.class);
          }
        }
        assertThat(succeeded).isPositive();
        assertStoredListIs(list);
      }
    } finally {
      calls.shutdownNow();
    }
  }

  @Test
  @Timeout(60)
  void pythonReadsTheNewerListWhole() throws Exception {
    Hold hold = new Hold(request -> request instanceof TransactWriteItemsRequest, 1);
    List<String> olderList = bigStrings("older", 60);
    List<String> newerList = strings("newer", 10);

    Future<?> olderCall = older.submit(() -> client(hold, aws.s3Client()).putItems(KEY, olderList));
    hold.awaitPassed();
    reader().putItems(KEY, newerList);
    hold.release();

    assertLost(olderCall);
    PythonOriginal python =
        new PythonOriginal(
            aws, resources.tableName(), resources.bucketName(), StateDataFixture.NAMESPACE);
    List<JsonNode> read = python.call("get_items", "key", KEY).run();
    assertThat(read.get(0)).isEqualTo(PythonOriginal.JSON.valueToTree(newerList));
  }

  private void assertLost(Future<?> olderCall) throws Exception {
    Throwable thrown;
    try {
      olderCall.get(30, TimeUnit.SECONDS);
      thrown = null;
    } catch (java.util.concurrent.ExecutionException failure) {
      thrown = failure.getCause();
    }
    assertThat(thrown)
        .isInstanceOfSatisfying(
            ConcurrentListWriteException.class,
            lost -> {
              assertThat(lost.tableName()).isEqualTo(resources.tableName());
              assertThat(lost.partitionKey()).isEqualTo(PARTITION_KEY);
            })
        .hasMessageContaining("partition key '" + PARTITION_KEY + "'")
        .hasMessageNotContaining("older-")
        .hasMessageNotContaining("newer-");
  }

  /** The table holds exactly the list's indexes, all of one generation, and reads back as it. */
  private void assertStoredListIs(List<String> list) {
    assertThat(StateDataFixture.storedIndexes(aws, resources, PARTITION_KEY))
        .containsExactlyElementsOf(IntStream.range(0, list.size()).boxed().toList());
    List<Map<String, AttributeValue>> items = aws.storedItems(resources.tableName(), PARTITION_KEY);
    assertThat(items.stream().map(item -> item.get("py2sfn_generation")).distinct()).hasSize(1);
    assertThat(reader().getItems(KEY, String.class)).containsExactlyElementsOf(list);
  }

  private StateDataClient client(Hold hold, S3Client s3) {
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(hold))
            .build();
    return StateDataFixture.builder(aws, resources)
        .dynamoDbClient(dynamoDb)
        .s3Client(s3)
        .offloadThreshold(THRESHOLD)
        .maxConcurrency(4)
        .build();
  }

  private StateDataClient reader() {
    return StateDataFixture.builder(aws, resources).offloadThreshold(THRESHOLD).build();
  }

  private static List<String> strings(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  private static List<String> bigStrings(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> prefix + "-" + i + "-" + "x".repeat(THRESHOLD))
        .toList();
  }

  /**
   * Lets the first {@code passing} matching requests through, and holds every later one before it
   * is sent until released.
   */
  static final class Hold implements ExecutionInterceptor {

    private final Predicate<SdkRequest> matching;
    private final int passing;
    private final AtomicInteger seen = new AtomicInteger();
    final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch passed = new CountDownLatch(1);
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    Hold(Predicate<SdkRequest> matching, int passing) {
      this.matching = matching;
      this.passing = passing;
      if (passing == 0) {
        passed.countDown();
      }
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (!matching.test(context.request())) {
        return;
      }
      if (seen.incrementAndGet() > passing) {
        held.incrementAndGet();
        firstHeld.countDown();
        released.join();
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (matching.test(context.request()) && seen.get() >= passing) {
        passed.countDown();
      }
    }

    void awaitPassed() throws InterruptedException {
      assertThat(passed.await(20, TimeUnit.SECONDS)).isTrue();
    }

    void awaitHeld() throws InterruptedException {
      assertThat(firstHeld.await(20, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      released.complete(null);
    }
  }
}
