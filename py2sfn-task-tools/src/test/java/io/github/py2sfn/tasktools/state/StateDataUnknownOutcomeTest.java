package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A TransactWriteItems call can fail after DynamoDB applied it (its response is lost) or before
 * (its request never arrives), and the client cannot tell which from the error: {@code putAll}
 * reads the batch back, so that the indexes it reports as not written are exactly those missing,
 * and only those it could not read back are reported with an unknown outcome.
 */
@AwsEmulatorTest
class StateDataUnknownOutcomeTest {

  private AwsEmulator aws;
  private StateDataResources resources;
  private final NetworkFailures failures = new NetworkFailures();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @Test
  void aBatchAppliedButWhoseResponseWasLostCountsAsWritten() {
    failures.loseResponses("TransactWriteItems", 2);
    List<Integer> elements = IntStream.range(0, 60).boxed().toList();

    client().putItems("lost-responses", elements);

    assertThat(failures.failed()).isEqualTo(2);
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lost-responses"))
        .containsExactlyElementsOf(elements);
  }

  @Test
  void aBatchThatNeverArrivedIsListedExactlyAsNotWritten() {
    failures.failRequests("TransactWriteItems", 1);
    // Two batches of 25, written in parallel: either may be the one that never arrives.
    List<Integer> elements = IntStream.range(0, 50).boxed().toList();

    ItemsNotWrittenException failure =
        (ItemsNotWrittenException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> client().putItems("lost-requests", elements));

    assertThat(failure.indexes()).hasSize(25);
    assertThat(failure.outcomeUnknownIndexes()).isEmpty();
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:lost-requests"))
        .hasSize(25)
        .doesNotContainAnyElementsOf(failure.indexes());
  }

  @Test
  void aBatchWhoseOutcomeCannotBeReadBackIsListedAsUnknown() {
    failures.loseResponses("TransactWriteItems", 1);
    failures.failRequests("Query", Integer.MAX_VALUE);

    assertThatThrownBy(() -> client().putItems("unknown", List.of(1, 2, 3)))
        .isInstanceOfSatisfying(
            ItemsNotWrittenException.class,
            failure -> {
              assertThat(failure.indexes()).isEmpty();
              assertThat(failure.outcomeUnknownIndexes()).containsExactly(0, 1, 2);
            })
        .hasMessageContaining("0 state data item(s) were not written")
        .hasMessageContaining("the outcome of 3 is unknown: indexes [0, 1, 2]");
    // The response was lost after DynamoDB applied the call.
    assertThat(StateDataFixture.storedIndexes(aws, resources, "exec-1:unknown"))
        .containsExactly(0, 1, 2);
  }

  private StateDataClient client() {
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .overrideConfiguration(
                o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(failures))
            .build();
    return StateDataFixture.builder(aws, resources).dynamoDbClient(dynamoDb).build();
  }

  /**
   * Fails calls of chosen operations as a broken connection does, every attempt of the call: before
   * the request is sent, or after DynamoDB has answered (the response is lost).
   */
  static final class NetworkFailures implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> requestsToFail = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> responsesToLose = new ConcurrentHashMap<>();
    private final Set<Object> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();

    void failRequests(String operation, int calls) {
      requestsToFail.put(operation, new AtomicInteger(calls));
    }

    void loseResponses(String operation, int calls) {
      responsesToLose.put(operation, new AtomicInteger(calls));
    }

    int failed() {
      return failed.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (take(requestsToFail, operation)) {
        failing.add(new Marker(context.request(), true));
      } else if (take(responsesToLose, operation)) {
        failing.add(new Marker(context.request(), false));
      }
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (failing.contains(new Marker(context.request(), true))) {
        throw broken();
      }
    }

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes attributes) {
      if (failing.contains(new Marker(context.request(), false))) {
        throw broken();
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      failing.remove(new Marker(context.request(), true));
      failing.remove(new Marker(context.request(), false));
    }

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      if (failing.remove(new Marker(context.request(), true))
          | failing.remove(new Marker(context.request(), false))) {
        failed.incrementAndGet();
      }
    }

    private static boolean take(Map<String, AtomicInteger> budget, String operation) {
      AtomicInteger left = budget.get(operation);
      return left != null && left.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) > 0;
    }

    private static SdkClientException broken() {
      return SdkClientException.create(
          "Connection reset (injected)", new IOException("Connection reset"));
    }

    /** A call marked to fail, by identity of its SDK request. */
    private record Marker(Object request, boolean beforeSending) {
      @Override
      public boolean equals(Object other) {
        return other instanceof Marker marker
            && marker.request == request
            && marker.beforeSending == beforeSending;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(request) * 31 + Boolean.hashCode(beforeSending);
      }
    }
  }
}
