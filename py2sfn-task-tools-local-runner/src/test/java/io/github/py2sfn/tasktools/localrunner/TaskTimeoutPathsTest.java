package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code TimeoutSecondsPath} and {@code HeartbeatSecondsPath} after the Task state page
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html): each provides its value
 * "dynamically from the state input using a reference path", and "when resolved, the reference path
 * must select fields whose values are positive integers". The state input is what the state
 * received, before {@code InputPath} and {@code Parameters}. Heartbeats are not simulated: a {@code
 * HeartbeatSecondsPath} is validated only.
 */
class TaskTimeoutPathsTest {

  private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";

  private final List<JsonNode> payloads = new CopyOnWriteArrayList<>();

  private static String task(String field) {
    return """
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "%s", "InputPath": "$.order",
            "Parameters": {"id.$": "$.id"}, "%s": "$.limits.seconds", "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
          "Handled": {"Type": "Pass", "End": true}}}"""
        .formatted(WORK, field);
  }

  private ExecutionResult run(String definition, String input, CountDownLatch release) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .taskInvoker(
            request -> {
              payloads.add(request.payload());
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return request.payload();
            })
        .build()
        .run(input);
  }

  @Test
  void timeoutSecondsPathReadsTheStateInputBeforeInputPath() {
    // The task cannot end within its timeout: it waits for this latch, released after the run.
    CountDownLatch releaseTheTask = new CountDownLatch(1);
    ExecutionResult result =
        run(
            task("TimeoutSecondsPath"),
            "{\"limits\": {\"seconds\": 1}, \"order\": {\"id\": 7}}",
            releaseTheTask);
    releaseTheTask.countDown();

    // States.Timeout is an ordinary error: the catcher handles it.
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("Error").asString()).isEqualTo("States.Timeout");
    assertThat(payloads).singleElement().hasToString("{\"id\":7}");
  }

  @Test
  void heartbeatSecondsPathReadsTheStateInputAndTheTaskRuns() {
    CountDownLatch released = new CountDownLatch(0);
    ExecutionResult result =
        run(
            task("HeartbeatSecondsPath"),
            "{\"limits\": {\"seconds\": 30}, \"order\": {\"id\": 7}}",
            released);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).hasToString("{\"id\":7}");
  }

  /** Values that are not positive integers, for both fields. */
  static Stream<Arguments> invalidSeconds() {
    return Stream.of("TimeoutSecondsPath", "HeartbeatSecondsPath")
        .flatMap(
            field ->
                Stream.of("0", "-5", "1.5", "\"10\"", "null", "true", "[10]")
                    .map(value -> arguments(field, value)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidSeconds")
  void aValueThatIsNotAPositiveIntegerFailsTheStateBeforeTheTaskRuns(String field, String value) {
    ExecutionResult result =
        run(
            task(field),
            "{\"limits\": {\"seconds\": " + value + "}, \"order\": {\"id\": 7}}",
            new CountDownLatch(0));

    // A runtime error: the catcher does not handle it.
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause())
        .isEqualTo("State 'Work' field " + field + ": not a positive integer");
    assertThat(payloads).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fields")
  void aPathThatMatchesNothingFailsTheStateNamingTheField(String field) {
    ExecutionResult result = run(task(field), "{\"order\": {\"id\": 7}}", new CountDownLatch(0));

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains(field);
    assertThat(payloads).isEmpty();
  }

  static Stream<String> fields() {
    return Stream.of("TimeoutSecondsPath", "HeartbeatSecondsPath");
  }
}
