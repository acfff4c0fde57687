package io.github.py2sfn.tasktools.state;

import static io.github.py2sfn.tasktools.state.FastRetries.FAST_STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.LoopbackProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Connection resets and stalled responses between the SDK and the emulator (a loopback proxy): the
 * SDK's standard retry strategy retries them, and gives up after its maximum attempts within a
 * bounded time.
 */
@AwsEmulatorTest
class StateDataNetworkFaultTest {

  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

  private AwsEmulator aws;
  private StateDataResources resources;
  private final HttpFaultInjector attempts = new HttpFaultInjector();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  @Test
  void connectionResetsAreRetriedUntilTheItemsAreStored() throws IOException {
    try (LoopbackProxy proxy = LoopbackProxy.to(aws.endpoint()).resetFirst(2).start()) {
      StateDataClient client = client(proxy);

      client.putItems("lines", List.of("a", "b", "c"));

      assertThat(proxy.faultedConnections()).isEqualTo(2);
      assertThat(attempts.attempts("TransactWriteItems")).isBetween(1, FAST_STANDARD.maxAttempts());
      assertThat(client.getItems("lines", String.class)).containsExactly("a", "b", "c");
    }
  }

  @Test
  void aStalledResponseTimesOutAndIsRetried() throws IOException {
    try (LoopbackProxy proxy = LoopbackProxy.to(aws.endpoint()).stallFirst(1).start()) {
      StateDataClient client = client(proxy);
      long start = System.nanoTime();

      client.putItem("order", "o-1");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(attempts.attempts("PutItem")).isEqualTo(2);
      assertThat(client.getItem("order", String.class)).isEqualTo("o-1");
    }
  }

  @Test
  void persistentStallsFailAfterTheStrategysMaxAttemptsWithinABoundedTime() throws IOException {
    try (LoopbackProxy proxy =
        LoopbackProxy.to(aws.endpoint()).stallFirst(Integer.MAX_VALUE).start()) {
      StateDataClient client = client(proxy);
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.putItem("order", "o-1"))
          .isInstanceOf(StateDataAccessException.class)
          .hasMessageContaining("DynamoDB PutItem failed for the state data item at table '")
          .hasMessageContaining("partition key 'exec-1:order', index 0");

      int maxAttempts = FAST_STANDARD.maxAttempts();
      assertThat(attempts.attempts("PutItem")).isEqualTo(maxAttempts);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(ATTEMPT_TIMEOUT.multipliedBy(maxAttempts).plusSeconds(3));
    }
    assertThat(reader().getItems("order", String.class)).isEmpty();
  }

  private StateDataClient client(LoopbackProxy proxy) {
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .endpointOverride(proxy.endpoint())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(FAST_STANDARD)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .addExecutionInterceptor(attempts))
            .build();
    return StateDataFixture.builder(aws, resources).dynamoDbClient(dynamoDb).build();
  }

  private StateDataClient reader() {
    return StateDataFixture.builder(aws, resources).build();
  }
}
