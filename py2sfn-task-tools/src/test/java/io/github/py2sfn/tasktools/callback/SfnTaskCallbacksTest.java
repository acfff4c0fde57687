package io.github.py2sfn.tasktools.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SfnException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completing callback tasks of a real Step Functions API (moto, executing state machines). The
 * waiting state is a {@code .waitForTaskToken} task that writes its token to a DynamoDB table, the
 * "external system" from which the test takes it, as
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 * describes.
 *
 * <p>moto 5.2.5 answers {@code InvalidToken} for a token it does not know, but never {@code
 * TaskTimedOut} or {@code TaskDoesNotExist} (it answers {@code InvalidToken} for the token of a
 * task that has ended, where AWS answers {@code TaskTimedOut}: "the task associated with the token
 * has already been closed", API_SendTaskSuccess.html): those answers come from the fault injector,
 * as AWS sends them. moto also drops SendTaskFailure's {@code cause}, so the cause is checked on
 * the request sent.
 */
@AwsEmulatorTest
class SfnTaskCallbacksTest {

  static final String TOKEN_NOT_ISSUED = "AQCEAAAAKgAAAAMAAAAAAAAAAXnotissued==";

  static final RetryStrategy FAST_STANDARD =
      AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .backoffStrategy(
              BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
          .throttlingBackoffStrategy(
              BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
          .build();

  record Approval(String by, List<String> notes) {}

  private AwsEmulator aws;
  private String inbox;
  private final HttpFaultInjector faults = new HttpFaultInjector();
  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(AwsEmulator aws) {
    this.aws = aws;
    // Before creating state machines: moto keeps executed ones in another store.
    aws.enableStateMachineExecution();
    inbox = aws.createStateDataTable();
  }

  /**
   * A client with the SDK's standard retry strategy (backoffs cut for the test), the fault injector
   * in front of the emulator, recording what it sends.
   */
  private SfnClient sfn() {
    return aws.configure(SfnClient.builder())
        .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
        .overrideConfiguration(
            o ->
                o.retryStrategy(FAST_STANDARD)
                    .addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeExecution(
                              Context.BeforeExecution context, ExecutionAttributes attributes) {
                            sent.add(context.request());
                          }
                        })
                    .addExecutionInterceptor(faults))
        .build();
  }

  private SfnTaskCallbacks callbacks() {
    return new SfnTaskCallbacks(sfn());
  }

  /** A state machine whose one state waits for its token, as the README's recipe does. */
  private String waitingStateMachine(int heartbeatSeconds) {
    String definition =
        """
        {"StartAt": "AwaitApproval",
         "States": {"AwaitApproval": {
           "Type": "Task",
           "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken",
           "Parameters": {"TableName": "%s",
                          "Item": {"partition_key": {"S.$": "$$.Execution.Name"},
                                   "sort_key": {"N": "0"},
                                   "token": {"S.$": "$$.Task.Token"}}},
           "HeartbeatSeconds": %d,
           "TimeoutSeconds": 300,
           "End": true}}}"""
            .formatted(inbox, heartbeatSeconds);
    return aws.sfnClient()
        .createStateMachine(
            r ->
                r.name("callbacks-" + System.nanoTime())
                    .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                    .definition(definition))
        .stateMachineArn();
  }

  /** A started execution waiting for its token, and the token. */
  record Waiting(String executionArn, String token) {}

  private Waiting startWaiting(int heartbeatSeconds) throws InterruptedException {
    String name = "exec-" + System.nanoTime();
    String executionArn =
        aws.sfnClient()
            .startExecution(
                r -> r.stateMachineArn(waitingStateMachine(heartbeatSeconds)).name(name))
            .executionArn();
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      Map<String, AttributeValue> item = aws.storedItem(inbox, name, 0);
      if (!item.isEmpty()) {
        return new Waiting(executionArn, item.get("token").s());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("The execution never wrote its task token to " + inbox);
  }

  private DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      DescribeExecutionResponse execution =
          aws.sfnClient().describeExecution(r -> r.executionArn(executionArn));
      if (execution.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return execution;
      }
      Thread.sleep(50);
    }
  }

  private ExecutionStatus statusOf(String executionArn) {
    return aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status();
  }

  private static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }

  @Nested
  class Succeed {

    @Test
    void completesTheWaitingTaskWithTheOutputAsJson() throws InterruptedException {
      Waiting waiting = startWaiting(60);

      callbacks().succeed(waiting.token(), new Approval("elaine", List.of("ok", "ünïcode")));

      DescribeExecutionResponse execution = awaitEnd(waiting.executionArn());
      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(json(execution.output()))
          .isEqualTo(json("{\"by\": \"elaine\", \"notes\": [\"ok\", \"ünïcode\"]}"));
    }

    @Test
    void anOutputOverTheLimitIsStoredAsStateDataAndItsPointerSent(StateDataResources resources)
        throws InterruptedException {
      StateDataClient stateData =
          StateDataClient.builder()
              .dynamoDbClient(aws.dynamoDbClient())
              .s3Client(aws.s3Client())
              .tableName(resources.tableName())
              .bucket(resources.bucketName())
              .build();
      Approval large =
          new Approval("kramer", List.of("x".repeat(SfnTaskCallbacks.MAX_OUTPUT_BYTES)));
      Waiting waiting = startWaiting(60);

      new SfnTaskCallbacks(sfn(), new JsonMapper(), () -> stateData)
          .succeed(waiting.token(), large);

      DescribeExecutionResponse execution = awaitEnd(waiting.executionArn());
      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      ItemPointer pointer = JsonMapper.shared().readValue(execution.output(), ItemPointer.class);
      assertThat(pointer.tableName()).isEqualTo(resources.tableName());
      assertThat(pointer.partitionKey()).matches("task-output-[0-9a-f-]{36}:output");
      assertThat(pointer.key()).isEqualTo("output");
      assertThat(stateData.get(ItemRef.of(pointer), Approval.class)).isEqualTo(large);
    }

    /**
     * SendTaskSuccess's output is at most 262,144 bytes of UTF-8
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html).
     */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("io.github.py2sfn.tasktools.callback.SfnTaskCallbacksTest#outputSizes")
    void withoutStateDataAnOutputOverTheLimitIsRefusedUnsent(int bytes, boolean sendable) {
      // A JSON string of n ASCII characters is n + 2 bytes; "é" is two bytes of UTF-8.
      String output = "é" + "x".repeat(bytes - 4);
      SfnTaskCallbacks callbacks = callbacks();

      if (sendable) {
        // The token is not one moto issued: the answer shows the request was sent.
        assertThatThrownBy(() -> callbacks.succeed(TOKEN_NOT_ISSUED, output))
            .isInstanceOf(InvalidTaskTokenException.class);
        assertThat(sent)
            .singleElement()
            .isInstanceOfSatisfying(
                SendTaskSuccessRequest.class,
                request -> assertThat(request.output()).isEqualTo("\"" + output + "\""));
      } else {
        assertThatThrownBy(() -> callbacks.succeed(TOKEN_NOT_ISSUED, output))
            .isInstanceOfSatisfying(
                CallbackLimitExceededException.class,
                refused -> {
                  assertThat(refused.operation()).isEqualTo("SendTaskSuccess");
                  assertThat(refused.field()).isEqualTo("output");
                  assertThat(refused.size()).isEqualTo(bytes);
                  assertThat(refused.limit()).isEqualTo(262_144);
                })
            .hasMessageStartingWith(
                "SendTaskSuccess not sent: its output is "
                    + bytes
                    + " bytes of UTF-8 JSON, over the limit of 262144.");
        assertThat(sent).isEmpty();
      }
    }
  }

  static Stream<Arguments> outputSizes() {
    return Stream.of(
        Arguments.of(262_143, true), Arguments.of(262_144, true), Arguments.of(262_145, false));
  }

  @Nested
  class Fail {

    @Test
    void failsTheWaitingTaskWithTheError() throws InterruptedException {
      Waiting waiting = startWaiting(60);

      callbacks().fail(waiting.token(), "ApprovalRejected", "Rejected by jerry");

      DescribeExecutionResponse execution = awaitEnd(waiting.executionArn());
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("ApprovalRejected");
      assertThat(sent)
          .singleElement()
          .isInstanceOfSatisfying(
              SendTaskFailureRequest.class,
              request -> {
                assertThat(request.error()).isEqualTo("ApprovalRejected");
                assertThat(request.cause()).isEqualTo("Rejected by jerry");
              });
    }

    /**
     * SendTaskFailure's error is at most 256 characters
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html): a
     * cut name would no longer match the Retry and Catch that expect it.
     */
    @Test
    void anErrorOverTheLimitIsRefusedUnsent() {
      String error = "E".repeat(257);

      assertThatThrownBy(() -> callbacks().fail(TOKEN_NOT_ISSUED, error, null))
          .isInstanceOfSatisfying(
              CallbackLimitExceededException.class,
              refused -> {
                assertThat(refused.field()).isEqualTo("error");
                assertThat(refused.size()).isEqualTo(257);
                assertThat(refused.limit()).isEqualTo(256);
              })
          .hasMessageStartingWith(
              "SendTaskFailure not sent: its error is 257 characters, over the limit of 256.");
      assertThat(sent).isEmpty();
    }

    /** The cause is at most 32,768 characters (API_SendTaskFailure.html): longer ones are cut. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.py2sfn.tasktools.callback.SfnTaskCallbacksTest#causes")
    void theCauseIsCutToTheLimit(String description, String cause, String expectedSent) {
      String error = "E".repeat(256);

      assertThatThrownBy(() -> callbacks().fail(TOKEN_NOT_ISSUED, error, cause))
          .isInstanceOf(InvalidTaskTokenException.class);

      assertThat(sent)
          .singleElement()
          .isInstanceOfSatisfying(
              SendTaskFailureRequest.class,
              request -> {
                assertThat(request.error()).isEqualTo(error);
                assertThat(request.cause()).isEqualTo(expectedSent);
              });
    }
  }

  static Stream<Arguments> causes() {
    String atLimit = "c".repeat(32_768);
    String pairAcrossTheLimit = "c".repeat(32_767) + "😀";
    return Stream.of(
        Arguments.of("at the limit: unchanged", atLimit, atLimit),
        Arguments.of("one over: cut", atLimit + "d", atLimit),
        Arguments.of(
            "a surrogate pair across the limit: cut before it",
            pairAcrossTheLimit,
            "c".repeat(32_767)),
        Arguments.of("none: none", null, null));
  }

  @Nested
  class Heartbeat {

    /**
     * A heartbeat starts HeartbeatSeconds again
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html):
     * with heartbeats the task outlives them, without it times out with States.Timeout.
     */
    @Test
    void keepsTheTaskWaitingPastItsHeartbeatSeconds() throws InterruptedException {
      Waiting kept = startWaiting(2);
      Waiting left = startWaiting(2);
      TaskCallbacks callbacks = callbacks();

      Instant until = Instant.now().plusSeconds(4);
      while (Instant.now().isBefore(until)) {
        callbacks.heartbeat(kept.token());
        Thread.sleep(400);
      }

      assertThat(statusOf(kept.executionArn())).isEqualTo(ExecutionStatus.RUNNING);
      DescribeExecutionResponse timedOut = awaitEnd(left.executionArn());
      assertThat(timedOut.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(timedOut.error()).isEqualTo("States.Timeout");
      callbacks.succeed(kept.token(), Map.of("done", true));
      assertThat(awaitEnd(kept.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  /** The three operations, for rules that hold for each. */
  static Stream<Arguments> operations() {
    return Stream.of(
        Arguments.of(
            "SendTaskSuccess",
            (BiConsumer<TaskCallbacks, String>) (callbacks, token) -> callbacks.succeed(token, 1)),
        Arguments.of(
            "SendTaskFailure",
            (BiConsumer<TaskCallbacks, String>)
                (callbacks, token) -> callbacks.fail(token, "E", "C")),
        Arguments.of(
            "SendTaskHeartbeat", (BiConsumer<TaskCallbacks, String>) TaskCallbacks::heartbeat));
  }

  /**
   * Each refusal of the token, as AWS answers it (HTTP 400; API_SendTaskSuccess.html,
   * API_SendTaskFailure.html, API_SendTaskHeartbeat.html), with each operation.
   */
  static Stream<Arguments> refusals() {
    return operations()
        .flatMap(
            operation ->
                Stream.of(
                        Arguments.of(
                            "TaskTimedOut",
                            TaskTimedOutException.class,
                            "the task has timed out (its TimeoutSeconds or HeartbeatSeconds ran"
                                + " out) or was already completed (TaskTimedOut)"),
                        Arguments.of(
                            "TaskDoesNotExist",
                            TaskDoesNotExistException.class,
                            "it knows no such task (TaskDoesNotExist)"),
                        Arguments.of(
                            "InvalidToken",
                            InvalidTaskTokenException.class,
                            "the task token is not valid (InvalidToken)"))
                    .map(
                        refusal ->
                            Arguments.of(
                                operation.get()[0],
                                operation.get()[1],
                                refusal.get()[0],
                                refusal.get()[1],
                                refusal.get()[2])));
  }

  @Nested
  class Refusals {

    @ParameterizedTest(name = "{0} answered {2}")
    @MethodSource("io.github.py2sfn.tasktools.callback.SfnTaskCallbacksTest#refusals")
    void surfaceTypedAfterOneAttempt(
        String operation,
        BiConsumer<TaskCallbacks, String> call,
        String errorCode,
        Class<? extends TaskCallbackException> type,
        String reason) {
      faults.fail(
          operation,
          Integer.MAX_VALUE,
          new Fault(
              400,
              "application/x-amz-json-1.0",
              errorCode,
              "{\"__type\":\"" + errorCode + "\",\"message\":\"injected " + errorCode + "\"}"));
      String token = "AQCEAAAAKgAAAAMAAAAAAAAAAXsecret==";

      assertThatThrownBy(() -> call.accept(callbacks(), token))
          .isInstanceOf(type)
          .hasMessage("Step Functions refused " + operation + ": " + reason)
          .hasMessageNotContaining(token)
          .satisfies(
              refused ->
                  assertThat(((TaskCallbackException) refused).operation()).isEqualTo(operation));
      // Neither the SDK's standard strategy nor the library tries again.
      assertThat(faults.attempts(operation)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.py2sfn.tasktools.callback.SfnTaskCallbacksTest#operations")
    void aTokenMotoNeverIssuedIsInvalid(String operation, BiConsumer<TaskCallbacks, String> call) {
      assertThatThrownBy(() -> call.accept(callbacks(), TOKEN_NOT_ISSUED))
          .isInstanceOf(InvalidTaskTokenException.class)
          .hasMessageNotContaining(TOKEN_NOT_ISSUED);
      assertThat(faults.attempts(operation)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.py2sfn.tasktools.callback.SfnTaskCallbacksTest#operations")
    void aBlankTokenIsRefusedUnsent(String operation, BiConsumer<TaskCallbacks, String> call) {
      assertThatThrownBy(() -> call.accept(callbacks(), " "))
          .isInstanceOf(TaskCallbackException.class)
          .hasMessage(operation + " not sent: the task token is blank");
      assertThat(sent).isEmpty();
    }
  }

  @Nested
  class Retries {

    static final Fault THROTTLED =
        new Fault(
            400,
            "application/x-amz-json-1.0",
            "ThrottlingException",
            "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");

    static final Fault INTERNAL_FAILURE =
        new Fault(
            500,
            "application/x-amz-json-1.0",
            "InternalFailure",
            "{\"__type\":\"InternalFailure\",\"message\":\"injected internal failure\"}");

    @Test
    void throttlingAndServerErrorsAreRetriedByTheClientsStrategy() throws InterruptedException {
      Waiting waiting = startWaiting(60);
      faults.fail("SendTaskHeartbeat", 1, THROTTLED);
      faults.fail("SendTaskSuccess", 2, INTERNAL_FAILURE);
      TaskCallbacks callbacks = callbacks();

      callbacks.heartbeat(waiting.token());
      callbacks.succeed(waiting.token(), Map.of("approved", true));

      assertThat(faults.attempts("SendTaskHeartbeat")).isEqualTo(2);
      assertThat(faults.attempts("SendTaskSuccess")).isEqualTo(3);
      assertThat(json(awaitEnd(waiting.executionArn()).output()))
          .isEqualTo(json("{\"approved\": true}"));
    }

    @Test
    void aCallThatKeepsFailingNamesTheOperation() {
      faults.fail("SendTaskHeartbeat", Integer.MAX_VALUE, INTERNAL_FAILURE);

      assertThatThrownBy(() -> callbacks().heartbeat(TOKEN_NOT_ISSUED))
          .isExactlyInstanceOf(TaskCallbackException.class)
          .hasMessage("Step Functions SendTaskHeartbeat failed")
          .cause()
          .isInstanceOfSatisfying(
              SfnException.class, failure -> assertThat(failure.statusCode()).isEqualTo(500));
      assertThat(faults.attempts("SendTaskHeartbeat")).isEqualTo(3);
    }
  }
}
