package io.github.py2sfn.tasktools.test.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@AwsEmulatorTest
class LoopbackProxyTest {

  @Test
  void delaysEveryRequestAndKeepsTheClientsConnectionAlive(AwsEmulator aws) throws IOException {
    Duration latency = Duration.ofMillis(100);
    try (LoopbackProxy proxy = LoopbackProxy.to(aws.endpoint()).latency(latency).start();
        DynamoDbClient dynamoDb = client(aws, proxy)) {
      long start = System.nanoTime();

      dynamoDb.listTables();
      dynamoDb.listTables();

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(latency.multipliedBy(2));
      assertThat(proxy.requests()).isEqualTo(2);
      assertThat(proxy.connections()).isEqualTo(1);
      assertThat(proxy.faultedConnections()).isZero();
    }
  }

  @Test
  void resetsOnlyTheFirstConnections(AwsEmulator aws) throws IOException {
    try (LoopbackProxy proxy = LoopbackProxy.to(aws.endpoint()).resetFirst(1).start();
        DynamoDbClient dynamoDb = client(aws, proxy)) {

      dynamoDb.listTables(); // the SDK retries the reset attempt

      assertThat(proxy.faultedConnections()).isEqualTo(1);
      assertThat(proxy.connections()).isEqualTo(2);
      assertThat(proxy.requests()).isEqualTo(1);
    }
  }

  private static DynamoDbClient client(AwsEmulator aws, LoopbackProxy proxy) {
    return aws.configure(DynamoDbClient.builder())
        .endpointOverride(proxy.endpoint())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
