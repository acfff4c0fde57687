package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.state.FastRetries.FAST_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Faults injected into real SDK calls against the emulator: throttled batch writes, permanently
 * failing elements and failing S3 uploads. Each test checks what is stored afterwards.
 */
@AwsEmulatorTest
class StateDataFaultInjectionTest {

  static final int THRESHOLD = 1_000;

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

    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:stuck"))
        .hasSize(96)
        .doesNotContain(3, 27, 28, 99);
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
            .overrideConfiguration(o -> o.addExecutionInterceptor(new FailingUpload("/2/")))
            .build();
    StateDataClient client = client(new UnprocessedItemsInjector(index -> false, null), failingS3);
    String large = "x".repeat(THRESHOLD * 2);

    assertThatThrownBy(() -> client.putItems("uploads", List.of(large, "small", large, large)))
        .isInstanceOfSatisfying(
            ItemsNotWrittenException.class,
            failure -> assertThat(failure.indexes()).containsExactly(2));

    assertThat(aws.storedItem(resources.tableName(), "exec-1:uploads", 2)).isEmpty();
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:uploads"))
        .containsExactly(0, 1, 3);
    assertThat(reader().get(ItemRef.local("uploads", 3), String.class)).isEqualTo(large);
  }

  @Test
  void retriesOfUnprocessedElementsStopAtTheInvocationsDeadlineNamingThemAsNotWritten() {
    Set<Integer> stuck = Set.of(1, 30);
    UnprocessedItemsInjector injector = new UnprocessedItemsInjector(stuck::contains, null);
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(injector))
            .build();
    // Every backoff (up to 5 s) is longer than the invocation's time left (a second), or ends
    // before it and is followed by another, longer than what is then left.
    StateDataClient client =
        StateDataFixture.builder(aws, resources)
            .dynamoDbClient(dynamoDb)
            .unprocessedItemsRetry(
                new BatchRetry(100, Duration.ofSeconds(5), Duration.ofSeconds(5)))
            .build();
    List<Integer> elements = IntStream.range(0, 50).boxed().toList();

    try (InvocationDeadline.Scope invocation =
        InvocationDeadline.start(Duration.ofMillis(1_200), Duration.ofMillis(200))) {
      assertThatThrownBy(() -> client.putItems("late", elements))
          .isInstanceOfSatisfying(
              ItemsNotWrittenException.class,
              failure -> {
                assertThat(failure.indexes()).containsExactly(1, 30);
                assertThat(failure.outcomeUnknownIndexes()).isEmpty();
              })
          .hasRootCauseInstanceOf(InvocationDeadlineExceededException.class)
          .rootCause()
          .hasMessageContaining("The Lambda invocation's remaining time ran out");
    }

    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:late"))
        .hasSize(48)
        .doesNotContain(1, 30);
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
   * Fails every S3 PutObject whose key contains a part (an index and its slash), before it is sent.
   */
  record FailingUpload(String keyPart) implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof PutObjectRequest put && put.key().contains(keyPart)) {
        throw SdkClientException.create("injected S3 PutObject failure for " + put.key());
      }
    }
  }
}
