package io.github.py2sfn.tasktools.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.InvocationDeadlineExceededException;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;

/** Stopping executions of a real Step Functions API (moto by default). */
@AwsEmulatorTest
class SfnExecutionStopperTest {

  static final StopOptions FAST =
      new StopOptions(true, Duration.ofMillis(20), Duration.ofSeconds(5));

  /** Step Functions' answer to a throttled call. */
  static final Fault THROTTLED =
      new Fault(
          400,
          "application/x-amz-json-1.0",
          "ThrottlingException",
          "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");

  private AwsEmulator aws;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final HttpFaultInjector faults = new HttpFaultInjector();

  /** The stopper's clock in the tests that give it one; moved on by them and by its sleeps. */
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** When each DescribeExecution was made, on {@link #clock}. */
  private final List<Instant> describedAt = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(AwsEmulator aws) {
    this.aws = aws;
  }

  private String startExecution(String name) {
    String stateMachineArn =
        aws.sfnClient()
            .createStateMachine(
                r ->
                    r.name("stopper-" + System.nanoTime())
                        .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))
            .stateMachineArn();
    return aws.sfnClient()
        .startExecution(r -> r.stateMachineArn(stateMachineArn).name(name))
        .executionArn();
  }

  /**
   * A client that records its calls, with the fault injector in front of the emulator and no SDK
   * retries: an injected fault is what the stopper sees once the SDK's own retries gave up.
   */
  private SfnClient recordingClient(ExecutionInterceptor... more) {
    return aws.configure(SfnClient.builder())
        .httpClient(faults.wrap(UrlConnectionHttpClient.create()))
        .overrideConfiguration(
            o -> {
              o.retryStrategy(AwsRetryStrategy.doNotRetry());
              o.addExecutionInterceptor(
                  new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                        Context.BeforeExecution context, ExecutionAttributes attributes) {
                      calls.add(context.request().getClass().getSimpleName());
                      if (context.request() instanceof DescribeExecutionRequest) {
                        describedAt.add(clock.instant());
                      }
                    }
                  });
              o.addExecutionInterceptor(faults);
              for (ExecutionInterceptor interceptor : more) {
                o.addExecutionInterceptor(interceptor);
              }
            })
        .build();
  }

  /** Fault injection: the execution keeps answering RUNNING after the stop. */
  private static ExecutionInterceptor stillRunning(Runnable onEachDescribe) {
    return new ExecutionInterceptor() {
      @Override
      public SdkResponse modifyResponse(
          Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeExecutionResponse describe) {
          onEachDescribe.run();
          return describe.toBuilder().status(ExecutionStatus.RUNNING).build();
        }
        return context.response();
      }
    };
  }

  /** Runs {@code action} once StopExecution has succeeded. */
  private static ExecutionInterceptor afterTheStop(Runnable action) {
    return new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof StopExecutionRequest) {
          action.run();
        }
      }
    };
  }

  /** A stopper on {@link #clock}, whose sleeps move it on instead of waiting. */
  private SfnExecutionStopper stopperOnTheClock(SfnClient sfn, StopOptions options) {
    return new SfnExecutionStopper(sfn, options, clock, clock::advance);
  }

  @Test
  void stopsARunningExecutionAndWaitsForAborted() {
    String executionArn = startExecution("running");
    SfnExecutionStopper stopper = new SfnExecutionStopper(recordingClient(), FAST);

    StopExecutionResult result = stopper.stop(executionArn, "FeatureDisabled", "flag off");

    assertThat(result)
        .isEqualTo(
            new StopExecutionResult(executionArn, "ABORTED", "FeatureDisabled", "flag off", true));
    assertThat(calls)
        .containsExactly(
            "DescribeExecutionRequest", "StopExecutionRequest", "DescribeExecutionRequest");
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void anExecutionThatHasEndedIsLeftAlone() {
    String executionArn = startExecution("ended");
    aws.sfnClient().stopExecution(r -> r.executionArn(executionArn));
    SfnExecutionStopper stopper = new SfnExecutionStopper(recordingClient(), FAST);

    StopExecutionResult result = stopper.stop(executionArn, "Late", null);

    assertThat(result.stopRequested()).isFalse();
    assertThat(result.status()).isEqualTo("ABORTED");
    assertThat(calls).containsExactly("DescribeExecutionRequest");
  }

  @Test
  void withoutWaitingTheStatusBeforeTheStopIsReported() {
    String executionArn = startExecution("no-wait");
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(), new StopOptions(false, Duration.ofSeconds(1), Duration.ZERO));

    StopExecutionResult result = stopper.stop(executionArn, null, null);

    assertThat(result)
        .isEqualTo(new StopExecutionResult(executionArn, "RUNNING", null, null, true));
    assertThat(calls).containsExactly("DescribeExecutionRequest", "StopExecutionRequest");
  }

  @Test
  void unknownExecutionIsReportedWithItsArn() {
    String unknown =
        "arn:aws:states:"
            + aws.region().id()
            + ":"
            + aws.accountId()
            + ":execution:nothing:nowhere";

    assertThatThrownBy(
            () -> new SfnExecutionStopper(aws.sfnClient(), FAST).stop(unknown, null, null))
        .isInstanceOf(ExecutionNotFoundException.class)
        .hasMessage("Step Functions has no execution '" + unknown + "'");
  }

  @Test
  void anExecutionThatNeverAbortsTimesOut() {
    String executionArn = startExecution("stubborn");
    // The timeout is measured on the stopper's clock, which moves 10 s on with each
    // DescribeExecution here: the 30 s run out after the same polls however fast the machine is.
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(stillRunning(() -> clock.advance(Duration.ofSeconds(10)))),
            new StopOptions(true, Duration.ofMillis(1), Duration.ofSeconds(30)),
            clock,
            // Only the polls move the clock on.
            duration -> {});

    assertThatThrownBy(() -> stopper.stop(executionArn, null, null))
        .isInstanceOfSatisfying(
            ExecutionStopTimeoutException.class,
            timeout -> {
              assertThat(timeout.executionArn()).isEqualTo(executionArn);
              assertThat(timeout.lastStatus()).isEqualTo("RUNNING");
            })
        .hasMessageContaining("still RUNNING after PT30S (py2sfn.stop.timeout)");
    // The status before the stop, then a poll at once and one every 10 s until the 30 s are up.
    assertThat(calls)
        .containsExactly(
            "DescribeExecutionRequest",
            "StopExecutionRequest",
            "DescribeExecutionRequest",
            "DescribeExecutionRequest",
            "DescribeExecutionRequest");
  }

  @Test
  void theWholeTimeoutIsWaitedWithTheLastPollAtItsEnd() {
    String executionArn = startExecution("last-poll");
    Instant start = clock.instant();
    SfnExecutionStopper stopper =
        stopperOnTheClock(
            recordingClient(stillRunning(() -> {})),
            new StopOptions(true, Duration.ofSeconds(2), Duration.ofSeconds(3)));

    assertThatThrownBy(() -> stopper.stop(executionArn, null, null))
        .isInstanceOfSatisfying(
            ExecutionStopTimeoutException.class,
            timeout -> assertThat(timeout.waited()).isEqualTo(Duration.ofSeconds(3)))
        .hasMessage(
            "Execution '"
                + executionArn
                + "' was asked to stop but is still RUNNING after PT3S (py2sfn.stop.timeout)");
    // Before the stop; right after it; after the 2 s poll interval; after the last second.
    assertThat(describedAt)
        .containsExactly(start, start, start.plusSeconds(2), start.plusSeconds(3));
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void aPollIntervalAsLongAsTheTimeoutStillPollsAtItsEnd() {
    String executionArn = startExecution("long-interval");
    Instant start = clock.instant();
    SfnExecutionStopper stopper =
        stopperOnTheClock(
            recordingClient(stillRunning(() -> {})),
            new StopOptions(true, Duration.ofSeconds(5), Duration.ofSeconds(3)));

    assertThatThrownBy(() -> stopper.stop(executionArn, null, null))
        .isInstanceOf(ExecutionStopTimeoutException.class)
        .hasMessageEndingWith("is still RUNNING after PT3S (py2sfn.stop.timeout)");
    assertThat(describedAt).containsExactly(start, start, start.plusSeconds(3));
  }

  @Test
  void aThrottledPollAfterTheStopIsMadeAgainAtTheNextOne() {
    String executionArn = startExecution("throttled-poll");
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(afterTheStop(() -> faults.fail("DescribeExecution", 1, THROTTLED))),
            FAST);

    StopExecutionResult result = stopper.stop(executionArn, "FeatureDisabled", null);

    assertThat(result)
        .isEqualTo(new StopExecutionResult(executionArn, "ABORTED", "FeatureDisabled", null, true));
    assertThat(faults.injected()).isEqualTo(1);
    assertThat(calls)
        .containsExactly(
            "DescribeExecutionRequest",
            "StopExecutionRequest",
            "DescribeExecutionRequest",
            "DescribeExecutionRequest");
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void persistentlyThrottledPollsTimeOutNamingTheStatusLastSeen() {
    String executionArn = startExecution("throttled-wait");
    Instant start = clock.instant();
    SfnExecutionStopper stopper =
        stopperOnTheClock(
            recordingClient(
                afterTheStop(() -> faults.fail("DescribeExecution", Integer.MAX_VALUE, THROTTLED))),
            new StopOptions(true, Duration.ofSeconds(1), Duration.ofSeconds(3)));

    assertThatThrownBy(() -> stopper.stop(executionArn, null, null))
        .isInstanceOfSatisfying(
            ExecutionStopTimeoutException.class,
            timeout -> {
              assertThat(timeout.lastStatus()).isEqualTo("RUNNING");
              assertThat(timeout.getCause())
                  .isInstanceOfSatisfying(
                      SfnException.class,
                      cause -> assertThat(cause.isThrottlingException()).isTrue());
            })
        .hasMessage(
            "Execution '"
                + executionArn
                + "' was asked to stop but was last seen RUNNING after PT3S"
                + " (py2sfn.stop.timeout); the last DescribeExecution failed");
    assertThat(describedAt)
        .containsExactly(
            start, start, start.plusSeconds(1), start.plusSeconds(2), start.plusSeconds(3));
    assertThat(faults.injected()).isEqualTo(4);
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void aPollRefusedForAnotherReasonFailsAtOnce() {
    String executionArn = startExecution("denied-poll");
    Fault accessDenied =
        new Fault(
            400,
            "application/x-amz-json-1.0",
            "AccessDeniedException",
            "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}");
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(
                afterTheStop(
                    () -> faults.fail("DescribeExecution", Integer.MAX_VALUE, accessDenied))),
            FAST);

    assertThatThrownBy(() -> stopper.stop(executionArn, null, null))
        .isExactlyInstanceOf(ExecutionException.class)
        .hasMessage("Step Functions DescribeExecution failed for '" + executionArn + "'")
        .hasCauseInstanceOf(SfnException.class);
    assertThat(calls)
        .containsExactly(
            "DescribeExecutionRequest", "StopExecutionRequest", "DescribeExecutionRequest");
  }

  @Test
  void theWaitEndsWhenTheLambdaInvocationsRemainingTimeRunsOut() {
    String executionArn = startExecution("lambda-timeout");
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(stillRunning(() -> {})),
            new StopOptions(true, Duration.ofMillis(100), Duration.ofSeconds(120)));
    long start = System.nanoTime();

    // An invocation with 700 ms left, whose AWS calls and waits end 200 ms before its timeout.
    try (InvocationDeadline.Scope deadline =
        InvocationDeadline.start(Duration.ofMillis(700), Duration.ofMillis(200))) {
      assertThatThrownBy(() -> stopper.stop(executionArn, "Disabled", null))
          .isInstanceOfSatisfying(
              ExecutionStopTimeoutException.class,
              timeout -> {
                assertThat(timeout.lastStatus()).isEqualTo("RUNNING");
                assertThat(timeout.waited())
                    .isBetween(Duration.ofMillis(300), Duration.ofMillis(500));
                assertThat(timeout)
                    .hasMessage(
                        "Execution '"
                            + executionArn
                            + "' was asked to stop but was last seen RUNNING after "
                            + timeout.waited()
                            + ", when the Lambda invocation's remaining time ran out"
                            + " (py2sfn.aws.lambda-timeout-margin)");
              })
          .cause()
          .isInstanceOf(InvocationDeadlineExceededException.class)
          .hasMessage(
              "The Lambda invocation's remaining time ran out: waiting for execution '"
                  + executionArn
                  + "' to be ABORTED was ended PT0.2S before the invocation's timeout"
                  + " (py2sfn.aws.lambda-timeout-margin)");
    }

    // Before the invocation's 700 ms were up, not after the 120 s stop timeout.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
    assertThat(aws.sfnClient().describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void executionArnsParseAndPrint() {
    ExecutionArn arn =
        ExecutionArn.parse("arn:aws:states:eu-west-1:123456789012:execution:machine:exec-1");

    assertThat(arn)
        .isEqualTo(new ExecutionArn("aws", "eu-west-1", "123456789012", "machine", "exec-1"));
    assertThat(arn).hasToString("arn:aws:states:eu-west-1:123456789012:execution:machine:exec-1");
    assertThatThrownBy(() -> ExecutionArn.parse("arn:aws:states:eu-west-1:1:stateMachine:machine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Step Functions execution ARN");
  }

  /** A clock that stands still until the test moves it on. */
  static final class ManualClock extends Clock {

    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a UTC test clock");
    }
  }
}
