package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.state.FastRetries.FAST_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a {@link StateDataObserver} hears about operations, retries and failures. */
@AwsEmulatorTest
class StateDataObserverTest {

  private AwsEmulator aws;
  private StateDataResources resources;
  private final List<CompletedOperation> operations = new CopyOnWriteArrayList<>();
  private final List<Integer> batchRetries = new CopyOnWriteArrayList<>();
  private final StateDataObserver recorder =
      new StateDataObserver() {
        @Override
        public void operationCompleted(CompletedOperation operation) {
          operations.add(operation);
        }

        @Override
        public void batchRetried(String tableName, int retry, int unprocessedCount) {
          batchRetries.add(unprocessedCount);
        }
      };

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  private StateDataClient.Builder builder(DynamoDbClient dynamoDb, StateDataObserver observer) {
    return StateDataFixture.builder(aws, resources)
        .dynamoDbClient(dynamoDb)
        .offloadThreshold(100)
        .observer(observer);
  }

  @Test
  void reportsCountsBytesAndOffloadsOfEachOperation() {
    StateDataClient client = builder(aws.dynamoDbClient(), recorder).build();
    String large = "z".repeat(200);

    client.putItem("one", "é");
    client.putItems("list", List.of("a", large, "b"));
    client.getItem("one", String.class);
    client.getItems("list", String.class);

    assertThat(operations)
        .extracting(
            CompletedOperation::operation,
            CompletedOperation::tableName,
            CompletedOperation::itemCount,
            CompletedOperation::bytes,
            CompletedOperation::offloadedCount,
            CompletedOperation::succeeded)
        .containsExactly(
            tuple(StateDataOperation.PUT_ITEM, resources.tableName(), 1, 4L, 0, true),
            tuple(StateDataOperation.PUT_ITEMS, resources.tableName(), 3, 208L, 1, true),
            tuple(StateDataOperation.GET_ITEM, resources.tableName(), 1, 4L, 0, true),
            tuple(StateDataOperation.GET_ITEMS, resources.tableName(), 3, 208L, 1, true));
    assertThat(operations).allSatisfy(operation -> assertThat(operation.duration()).isPositive());
  }

  @Test
  void reportsFailuresButNotRequestsRejectedUpFront() {
    StateDataClient client =
        builder(aws.dynamoDbClient(), recorder).allowedGlobalTables(List.of()).build();

    assertThatThrownBy(() -> client.getItem("missing", String.class))
        .isInstanceOf(ItemNotFoundException.class);
    assertThatThrownBy(() -> client.getGlobalItem("bad table!", "pk", String.class))
        .isInstanceOf(InvalidStateDataRequestException.class);

    assertThat(operations)
        .singleElement()
        .satisfies(
            operation -> {
              assertThat(operation.operation()).isEqualTo(StateDataOperation.GET_ITEM);
              assertThat(operation.succeeded()).isFalse();
              assertThat(operation.failure()).isInstanceOf(ItemNotFoundException.class);
              assertThat(operation.itemCount()).isZero();
            });
  }

  @Test
  void reportsBatchRetriesOfUnprocessedItems() {
    UnprocessedItemsInjector injector = new UnprocessedItemsInjector(index -> true, new Random(3));
    DynamoDbClient throttled =
        aws.configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(injector))
            .build();
    StateDataClient client = builder(throttled, recorder).unprocessedItemsRetry(FAST_RETRY).build();

    client.putItems("throttled", IntStream.range(0, 50).boxed().toList());

    assertThat(batchRetries).isNotEmpty();
    assertThat(batchRetries.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(injector.leftUnprocessed.get());
    assertThat(operations)
        .singleElement()
        .satisfies(operation -> assertThat(operation.itemCount()).isEqualTo(50));
  }

  @Test
  void aFailingObserverNeitherFailsTheOperationNorSilencesTheOthers() {
    StateDataObserver failing =
        new StateDataObserver() {
          @Override
          public void operationCompleted(CompletedOperation operation) {
            throw new IllegalStateException("observer bug");
          }
        };
    StateDataClient client =
        builder(aws.dynamoDbClient(), StateDataObserver.composite(List.of(failing, recorder)))
            .build();

    client.putItem("k", 1);

    assertThat(client.getItem("k", Integer.class)).isEqualTo(1);
    assertThat(operations).hasSize(2);
  }
}
