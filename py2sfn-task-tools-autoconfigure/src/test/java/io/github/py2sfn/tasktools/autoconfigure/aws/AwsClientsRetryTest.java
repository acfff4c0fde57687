package io.github.py2sfn.tasktools.autoconfigure.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * How many attempts the clients the starter builds make of a call that fails every time: 9 on
 * DynamoDB, 3 on S3 and Step Functions. Every attempt is answered in front of the emulator, so
 * nothing reaches it: DynamoDB's with throttling (backed off from 25 ms, as its 5xx errors are),
 * S3's and Step Functions' with a 5xx error (backed off from 100 ms, where throttling starts at 1
 * s).
 */
@AwsEmulatorTest
class AwsClientsRetryTest {

  /** An S3 {@code 500 InternalError}. */
  static final Fault S3_INTERNAL_ERROR =
      new Fault(
          500,
          "application/xml",
          "InternalError",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
              + "<Message>injected internal error</Message><RequestId>injected</RequestId></Error>");

  /** A Step Functions {@code 500 InternalFailure}. */
  static final Fault SFN_INTERNAL_FAILURE =
      new Fault(
          500,
          "application/x-amz-json-1.0",
          "InternalFailure",
          "{\"__type\":\"InternalFailure\",\"message\":\"injected internal failure\"}");

  private final HttpFaultInjector faults = new HttpFaultInjector();
  private AwsEmulator aws;
  private StateDataResources resources;
  private ApplicationContextRunner runner;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    // The starter's clients, pointed at the emulator through the fault injector by a customizer
    // each, as an application would tune them.
    runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AwsClientsAutoConfiguration.class))
            .withPropertyValues(
                "py2sfn.region=" + aws.region().id(), "py2sfn.endpoint=" + aws.endpoint())
            .withBean(
                DynamoDbClientCustomizer.class,
                () ->
                    builder ->
                        builder
                            .credentialsProvider(aws.credentialsProvider())
                            .httpClientBuilder(faultInjecting())
                            .overrideConfiguration(o -> o.addExecutionInterceptor(faults)))
            .withBean(
                S3ClientCustomizer.class,
                () ->
                    builder ->
                        builder
                            .credentialsProvider(aws.credentialsProvider())
                            .httpClientBuilder(faultInjecting())
                            .overrideConfiguration(o -> o.addExecutionInterceptor(faults)))
            .withBean(
                SfnClientCustomizer.class,
                () ->
                    builder ->
                        builder
                            .credentialsProvider(aws.credentialsProvider())
                            .httpClientBuilder(faultInjecting())
                            .overrideConfiguration(o -> o.addExecutionInterceptor(faults)));
  }

  /** The starter's HTTP client, with the SDK's defaults for it, behind the fault injector. */
  private FaultInjectingHttpClientBuilder faultInjecting() {
    return new FaultInjectingHttpClientBuilder();
  }

  private final class FaultInjectingHttpClientBuilder
      implements SdkHttpClient.Builder<FaultInjectingHttpClientBuilder> {
    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return faults.wrap(UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults));
    }
  }

  @Test
  void dynamoDbMakesNineAttempts() {
    faults.fail(
        "PutItem", Integer.MAX_VALUE, Fault.dynamoDb("ProvisionedThroughputExceededException"));
    Map<String, AttributeValue> item =
        Map.of(
            "partition_key", AttributeValue.fromS("exec-1:order"),
            "sort_key", AttributeValue.fromN("0"),
            "data", AttributeValue.fromS("{}"));

    runner.run(
        context ->
            assertThatThrownBy(
                    () ->
                        context
                            .getBean(DynamoDbClient.class)
                            .putItem(r -> r.tableName(resources.tableName()).item(item)))
                .isInstanceOf(ProvisionedThroughputExceededException.class));

    assertThat(faults.attempts("PutItem")).isEqualTo(9);
    assertThat(aws.storedItem(resources.tableName(), "exec-1:order", 0)).isEmpty();
  }

  @Test
  void s3MakesThreeAttempts() {
    faults.fail("PutObject", Integer.MAX_VALUE, S3_INTERNAL_ERROR);
    String key = "workflow_state_data/" + resources.tableName() + "/exec-1:order/0";

    runner.run(
        context ->
            assertThatThrownBy(
                    () ->
                        context
                            .getBean(S3Client.class)
                            .putObject(
                                r -> r.bucket(resources.bucketName()).key(key),
                                RequestBody.fromString("{}")))
                .isInstanceOfSatisfying(
                    S3Exception.class, failure -> assertThat(failure.statusCode()).isEqualTo(500)));

    assertThat(faults.attempts("PutObject")).isEqualTo(3);
    assertThatThrownBy(
            () -> aws.s3Client().headObject(r -> r.bucket(resources.bucketName()).key(key)))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void stepFunctionsMakesThreeAttempts() {
    faults.fail("StopExecution", Integer.MAX_VALUE, SFN_INTERNAL_FAILURE);
    String executionArn = startExecution();

    runner.run(
        context ->
            assertThatThrownBy(
                    () ->
                        context
                            .getBean(SfnClient.class)
                            .stopExecution(r -> r.executionArn(executionArn)))
                .isInstanceOfSatisfying(
                    SfnException.class,
                    failure -> assertThat(failure.statusCode()).isEqualTo(500)));

    assertThat(faults.attempts("StopExecution")).isEqualTo(3);
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.RUNNING);
  }

  /** Starts an execution that waits ten minutes, so it is still running when the test checks. */
  private String startExecution() {
    String stateMachineArn =
        aws.sfnClient()
            .createStateMachine(
                r ->
                    r.name("retries-" + System.nanoTime())
                        .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\","
                                + " \"Seconds\": 600, \"End\": true}}}"))
            .stateMachineArn();
    return aws.sfnClient()
        .startExecution(r -> r.stateMachineArn(stateMachineArn).name("retries"))
        .executionArn();
  }
}
