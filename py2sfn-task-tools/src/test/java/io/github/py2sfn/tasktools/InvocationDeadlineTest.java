package io.github.py2sfn.tasktools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataFixture;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.LoopbackProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS calls of a client with an {@link InvocationDeadlineInterceptor} end at the deadline of the
 * Lambda invocation they are made for, before Lambda's own timeout, with an exception that says so;
 * calls with more time left keep the client's own timeout.
 */
@AwsEmulatorTest
class InvocationDeadlineTest {

  static final Duration CLIENT_API_CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MARGIN = Duration.ofMillis(200);

  private AwsEmulator aws;
  private StateDataResources resources;

  /** The {@code apiCallTimeout} each attempt's request carried, empty for the client's. */
  private final List<Optional<Duration>> requestTimeouts = new CopyOnWriteArrayList<>();

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** A client like the starter's: a 30 s call timeout, the interceptor, at an endpoint. */
  private DynamoDbClient dynamoDb(URI endpoint) {
    return aws.configure(DynamoDbClient.builder())
        .endpointOverride(endpoint)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(
            o ->
                o.apiCallTimeout(CLIENT_API_CALL_TIMEOUT)
                    .addExecutionInterceptor(
                        new InvocationDeadlineInterceptor(CLIENT_API_CALL_TIMEOUT))
                    .addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeTransmission(
                              Context.BeforeTransmission context, ExecutionAttributes attributes) {
                            requestTimeouts.add(
                                context
                                    .request()
                                    .overrideConfiguration()
                                    .flatMap(override -> override.apiCallTimeout()));
                          }
                        }))
        .build();
  }

  private StateDataClient stateData(DynamoDbClient dynamoDb) {
    return StateDataFixture.builder(aws, resources).dynamoDbClient(dynamoDb).build();
  }

  @Test
  void aCallToAHungTableEndsAtTheDeadlineBeforeTheInvocationsTimeout() throws Exception {
    try (LoopbackProxy hungDynamoDb = LoopbackProxy.hung();
        InvocationDeadline.Scope deadline =
            InvocationDeadline.start(Duration.ofMillis(700), MARGIN)) {
      StateDataClient stateData = stateData(dynamoDb(hungDynamoDb.endpoint()));
      long start = System.nanoTime();

      assertThatThrownBy(() -> stateData.put(ItemRef.local("order"), "o-1"))
          .isInstanceOf(StateDataAccessException.class)
          .hasMessage(
              "DynamoDB PutItem failed for the state data item at table '"
                  + resources.tableName()
                  + "', partition key 'exec-1:order', index 0")
          .cause()
          .isInstanceOf(ApiCallTimeoutException.class)
          .hasMessageStartingWith(
              "DynamoDb PutItem did not complete within the Lambda invocation's remaining time")
          .cause()
          .isInstanceOf(InvocationDeadlineExceededException.class)
          .hasMessage(
              "The Lambda invocation's remaining time ran out: DynamoDb PutItem was ended PT0.2S"
                  + " before the invocation's timeout (py2sfn.aws.lambda-timeout-margin)");

      // At the deadline (700 ms less the 200 ms margin), not at the client's 30 s.
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(400), Duration.ofMillis(700));
      assertThat(hungDynamoDb.connections()).isEqualTo(1);
    }
  }

  @Test
  void aCallAfterTheDeadlineIsNotSentAndStoresNothing() {
    StateDataClient stateData = stateData(dynamoDb(aws.endpoint()));

    try (InvocationDeadline.Scope deadline =
        InvocationDeadline.start(Duration.ofMillis(100), MARGIN)) {
      assertThatThrownBy(() -> stateData.put(ItemRef.local("order"), "o-1"))
          .isInstanceOf(StateDataAccessException.class)
          .cause()
          .isInstanceOf(InvocationDeadlineExceededException.class)
          .hasMessageStartingWith(
              "The Lambda invocation's remaining time ran out: DynamoDb PutItem was ended");
    }

    assertThat(requestTimeouts).isEmpty();
    assertThat(aws.storedItem(resources.tableName(), "exec-1:order", 0)).isEmpty();
  }

  @Test
  void aCallWithLessTimeLeftThanTheClientsTimeoutGetsTheTimeLeft() {
    StateDataClient stateData = stateData(dynamoDb(aws.endpoint()));

    try (InvocationDeadline.Scope deadline =
        InvocationDeadline.start(Duration.ofSeconds(10), MARGIN)) {
      stateData.put(ItemRef.local("order"), "o-1");
    }

    assertThat(requestTimeouts)
        .singleElement()
        .satisfies(
            timeout ->
                assertThat(timeout)
                    .hasValueSatisfying(
                        left ->
                            assertThat(left)
                                .isBetween(Duration.ofSeconds(9), Duration.ofMillis(9_800))));
    assertThat(aws.storedItem(resources.tableName(), "exec-1:order", 0)).isNotEmpty();
  }

  @Test
  void aCallWithMoreTimeLeftOrWithoutADeadlineKeepsTheClientsTimeout() {
    StateDataClient stateData = stateData(dynamoDb(aws.endpoint()));

    try (InvocationDeadline.Scope deadline =
        InvocationDeadline.start(Duration.ofMinutes(15), MARGIN)) {
      stateData.put(ItemRef.local("order"), "o-1");
    }
    stateData.put(ItemRef.local("order", 1), "o-2");

    assertThat(requestTimeouts).containsExactly(Optional.empty(), Optional.empty());
    assertThat(stateData.get(ItemRef.local("order", 1), String.class)).isEqualTo("o-2");
  }

  @Test
  void aPropagatingExecutorRunsEachTaskWithItsSubmittersDeadline() throws Exception {
    var propagating = InvocationDeadline.propagating(pool);
    Optional<InvocationDeadline> submitters;
    CompletableFuture<Optional<InvocationDeadline>> seenByTheTask = new CompletableFuture<>();

    try (InvocationDeadline.Scope deadline =
        InvocationDeadline.start(Duration.ofMinutes(1), MARGIN)) {
      submitters = InvocationDeadline.current();
      propagating.execute(() -> seenByTheTask.complete(InvocationDeadline.current()));
      assertThat(seenByTheTask.get()).isEqualTo(submitters).isPresent();
    }
    CompletableFuture<Optional<InvocationDeadline>> afterTheInvocation = new CompletableFuture<>();
    propagating.execute(() -> afterTheInvocation.complete(InvocationDeadline.current()));

    assertThat(afterTheInvocation.get()).isEmpty();
    assertThat(InvocationDeadline.current()).isEmpty();
  }

  @Test
  void offLambdaThereIsNoDeadline() {
    try (InvocationDeadline.Scope none =
        InvocationDeadline.start((com.amazonaws.services.lambda.runtime.Context) null, MARGIN)) {
      assertThat(InvocationDeadline.current()).isEmpty();
    }
  }

  @Test
  void theLambdaContextsRemainingTimeLessTheMarginIsTheDeadline() {
    LocalLambdaContext lambda =
        new LocalLambdaContext("task", aws.region().id(), aws.accountId(), Duration.ofSeconds(3));

    try (InvocationDeadline.Scope deadline = InvocationDeadline.start(lambda, MARGIN)) {
      assertThat(InvocationDeadline.current())
          .hasValueSatisfying(
              current -> {
                assertThat(current.remaining())
                    .isBetween(Duration.ofMillis(2_600), Duration.ofMillis(2_800));
                assertThat(current.margin()).isEqualTo(MARGIN);
                assertThat(current.hasPassed()).isFalse();
              });
    }
    assertThat(InvocationDeadline.current()).isEmpty();
  }
}
