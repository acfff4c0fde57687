package io.github.py2sfn.tasktools.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Stopping executions of a real Step Functions API (moto by default). */
@AwsEmulatorTest
class SfnExecutionStopperTest {

  static final StopOptions FAST =
      new StopOptions(true, Duration.ofMillis(20), Duration.ofSeconds(5));

  private AwsEmulator aws;
  private final List<String> calls = new CopyOnWriteArrayList<>();

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

  private SfnClient recordingClient(ExecutionInterceptor... more) {
    return aws.configure(SfnClient.builder())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(
            o -> {
              o.addExecutionInterceptor(
                  new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                        Context.BeforeExecution context, ExecutionAttributes attributes) {
                      calls.add(context.request().getClass().getSimpleName());
                    }
                  });
              for (ExecutionInterceptor interceptor : more) {
                o.addExecutionInterceptor(interceptor);
              }
            })
        .build();
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
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    // Fault injection: the execution keeps answering RUNNING after the stop.
    ExecutionInterceptor stillRunning =
        new ExecutionInterceptor() {
          @Override
          public SdkResponse modifyResponse(
              Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof DescribeExecutionResponse describe) {
              clock.advance(Duration.ofSeconds(10));
              return describe.toBuilder().status(ExecutionStatus.RUNNING).build();
            }
            return context.response();
          }
        };
    SfnExecutionStopper stopper =
        new SfnExecutionStopper(
            recordingClient(stillRunning),
            new StopOptions(true, Duration.ofMillis(1), Duration.ofSeconds(30)),
            clock);

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
