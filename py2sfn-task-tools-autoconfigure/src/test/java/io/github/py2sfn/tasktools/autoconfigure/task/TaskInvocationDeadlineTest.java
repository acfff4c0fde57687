package io.github.py2sfn.tasktools.autoconfigure.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.execution.ExecutionAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.execution.ExecutionStopTimeoutException;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemsNotWrittenException;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskHandler;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.LoopbackProxy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task whose AWS calls hang, or whose stopped execution never aborts, fails before its Lambda
 * invocation's timeout ({@code py2sfn.aws.lambda-timeout-margin} before it) with a failure that
 * says the invocation's remaining time ran out, on the starter's clients and state data client; the
 * parallel calls of {@code putAll} too. The invocations here have 800 ms, the margin is 300 ms, the
 * client's call timeout the default 30 s.
 */
@AwsEmulatorTest
@Tag("spring-context")
class TaskInvocationDeadlineTest {

  static final Duration LAMBDA_TIMEOUT = Duration.ofMillis(800);

  private AwsEmulator aws;
  private StateDataResources resources;
  private ApplicationContextRunner runner;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    AwsClientsAutoConfiguration.class,
                    StateDataAutoConfiguration.class,
                    ExecutionAutoConfiguration.class,
                    TaskAutoConfiguration.class))
            .withPropertyValues(
                "py2sfn.region=" + aws.region().id(),
                "py2sfn.endpoint=" + aws.endpoint(),
                "py2sfn.table-name=" + resources.tableName(),
                "py2sfn.bucket=" + resources.bucketName(),
                "py2sfn.offload-threshold=100B",
                "py2sfn.stop.poll-interval=100ms",
                "py2sfn.aws.lambda-timeout-margin=300ms");
  }

  /** Runs a task as the starter does, in an invocation that Lambda ends after 800 ms. */
  private static Object invoke(
      TaskContextFactory contexts,
      TaskHandler<Object, Object> task,
      String event,
      AwsEmulator aws) {
    JsonMapper mapper = new JsonMapper();
    TaskHandlerFunction function =
        new TaskHandlerFunction("task", task, mapper.constructType(Object.class), mapper, contexts);
    return function.apply(
        MessageBuilder.<Object>withPayload(event)
            .setHeader(
                AWSLambdaUtils.AWS_CONTEXT,
                new LocalLambdaContext("task", aws.region().id(), aws.accountId(), LAMBDA_TIMEOUT))
            .build());
  }

  private static String event(String executionName, String stateMachineName) {
    return """
        {"meta": {"sfn_execution_name": "%s", "sfn_state_name": "Task",
                  "sfn_state_machine_name": "%s"}, "data": {}}"""
        .formatted(executionName, stateMachineName);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Test
  void anOffloadToAHungS3FailsBeforeTheLambdaTimeoutAndStoresNoItem() throws Exception {
    try (LoopbackProxy hungS3 = LoopbackProxy.hung()) {
      runner
          .withBean(
              DynamoDbClientCustomizer.class,
              () -> builder -> builder.credentialsProvider(aws.credentialsProvider()))
          .withBean(
              S3ClientCustomizer.class,
              () ->
                  builder ->
                      builder
                          .credentialsProvider(aws.credentialsProvider())
                          .endpointOverride(hungS3.endpoint()))
          .run(
              context -> {
                long start = System.nanoTime();

                assertThatThrownBy(
                        () ->
                            invoke(
                                context.getBean(TaskContextFactory.class),
                                (input, task) ->
                                    task.stateData()
                                        .put(ItemRef.local("document"), "x".repeat(1_000)),
                                event("exec-offload", "workflow"),
                                aws))
                    .isInstanceOf(StateDataAccessException.class)
                    .cause()
                    .isInstanceOf(ApiCallTimeoutException.class)
                    .cause()
                    .isInstanceOf(InvocationDeadlineExceededException.class)
                    .hasMessage(
                        "The Lambda invocation's remaining time ran out: S3 PutObject was ended"
                            + " PT0.3S before the invocation's timeout"
                            + " (py2sfn.aws.lambda-timeout-margin)");

                assertThat(since(start)).isLessThan(LAMBDA_TIMEOUT);
              });

      assertThat(aws.storedItem(resources.tableName(), "exec-offload:document", 0)).isEmpty();
    }
  }

  @Test
  void aPutAllToAHungTableFailsBeforeTheLambdaTimeoutNamingEveryIndex() throws Exception {
    List<Integer> elements = IntStream.range(0, 60).boxed().toList();
    try (LoopbackProxy hungDynamoDb = LoopbackProxy.hung()) {
      runner
          .withBean(
              DynamoDbClientCustomizer.class,
              () ->
                  builder ->
                      builder
                          .credentialsProvider(aws.credentialsProvider())
                          .endpointOverride(hungDynamoDb.endpoint()))
          .run(
              context -> {
                long start = System.nanoTime();

                // The list's claim, its first call, ends at the deadline, not after the 30 s
                // call timeout.
                assertThatThrownBy(
                        () ->
                            invoke(
                                context.getBean(TaskContextFactory.class),
                                (input, task) ->
                                    task.stateData().putAll(ListRef.local("numbers"), elements),
                                event("exec-put-all", "workflow"),
                                aws))
                    .isInstanceOfSatisfying(
                        ItemsNotWrittenException.class,
                        failure -> {
                          // The claim of the list got no answer before the deadline, so no
                          // element was sent.
                          assertThat(failure.indexes()).containsExactlyElementsOf(elements);
                          assertThat(failure.outcomeUnknownIndexes()).isEmpty();
                          assertThat(failure)
                              .rootCause()
                              .isInstanceOf(InvocationDeadlineExceededException.class);
                        });

                assertThat(since(start)).isLessThan(LAMBDA_TIMEOUT);
              });

      assertThat(hungDynamoDb.connections()).isPositive();
      assertThat(aws.storedItems(resources.tableName(), "exec-put-all:numbers")).isEmpty();
    }
  }

  @Test
  void waitingForAStoppedExecutionEndsBeforeTheLambdaTimeout() {
    String stateMachineArn =
        aws.sfnClient()
            .createStateMachine(
                r ->
                    r.name("deadline-" + System.nanoTime())
                        .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\","
                                + " \"Seconds\": 600, \"End\": true}}}"))
            .stateMachineArn();
    String stateMachineName = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    String executionArn =
        aws.sfnClient()
            .startExecution(r -> r.stateMachineArn(stateMachineArn).name("exec-stop"))
            .executionArn();
    // Fault injection: after the stop, the execution keeps answering RUNNING.
    ExecutionInterceptor stillRunning =
        new ExecutionInterceptor() {
          @Override
          public SdkResponse modifyResponse(
              Context.ModifyResponse context, ExecutionAttributes attributes) {
            return context.response() instanceof DescribeExecutionResponse describe
                ? describe.toBuilder().status(ExecutionStatus.RUNNING).build()
                : context.response();
          }
        };

    runner
        .withBean(
            DynamoDbClientCustomizer.class,
            () -> builder -> builder.credentialsProvider(aws.credentialsProvider()))
        .withBean(
            SfnClientCustomizer.class,
            () ->
                builder ->
                    builder
                        .credentialsProvider(aws.credentialsProvider())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(stillRunning)))
        .run(
            context -> {
              long start = System.nanoTime();

              // The stop timeout is the default 120 s.
              assertThatThrownBy(
                      () ->
                          invoke(
                              context.getBean(TaskContextFactory.class),
                              (input, task) -> task.stopExecution("Disabled", null),
                              event("exec-stop", stateMachineName),
                              aws))
                  .isInstanceOf(ExecutionStopTimeoutException.class)
                  .hasMessageContaining("when the Lambda invocation's remaining time ran out")
                  .hasCauseInstanceOf(InvocationDeadlineExceededException.class);

              assertThat(since(start)).isLessThan(LAMBDA_TIMEOUT);
            });

    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }
}
