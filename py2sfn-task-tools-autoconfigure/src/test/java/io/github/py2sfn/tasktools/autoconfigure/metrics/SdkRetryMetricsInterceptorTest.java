package io.github.py2sfn.tasktools.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The interceptor counts each SDK retry, tagged with service and operation. */
@AwsEmulatorTest
class SdkRetryMetricsInterceptorTest {

  @Test
  void sdkRetriesOfThrottledCallsAreCounted(AwsEmulator aws, StateDataResources resources) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpFaultInjector faults = new HttpFaultInjector();
    faults.fail("PutItem", 2, Fault.dynamoDb("ProvisionedThroughputExceededException"));
    BackoffStrategy fast =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
    DynamoDbClient dynamoDb =
        aws.configure(DynamoDbClient.builder())
            .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(fast)
                                .throttlingBackoffStrategy(fast)
                                .build())
                        .addExecutionInterceptor(faults)
                        .addExecutionInterceptor(new SdkRetryMetricsInterceptor(registry)))
            .build();

    dynamoDb.putItem(
        request ->
            request
                .tableName(resources.tableName())
                .item(
                    Map.of(
                        "partition_key", AttributeValue.fromS("exec-1:order"),
                        "sort_key", AttributeValue.fromN("0"),
                        "data", AttributeValue.fromS("\"o-3\""))));

    assertThat(
            registry
                .get("py2sfn.aws.retries")
                .tags("service", "DynamoDb", "operation", "PutItem")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(aws.storedItem(resources.tableName(), "exec-1:order", 0)).isNotEmpty();
  }
}
