package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which error a path that cannot be applied fails a state with, and whether Retry and Catch handle
 * it, after the guide's error names
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html): {@code
 * States.ResultPathMatchFailure}, "a state's ResultPath field cannot be applied to the input the
 * state received", is an error like any other; a Parameters path that matches nothing is {@code
 * States.Runtime}, as executions recorded against AWS (LocalStack's tests) report it rather than
 * {@code States.ParameterPathFailure}, and {@code States.Runtime} "isn't retriable, and will always
 * cause the execution to fail", as an InputPath or OutputPath that cannot be applied does.
 */
class PathErrorsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";

  private final List<String> invoked = new CopyOnWriteArrayList<>();

  private ExecutionResult run(String definition, String input) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .skipWaits(true)
        .taskInvoker(
            request -> {
              invoked.add(request.functionName());
              if (request.payload().path("fail").asBoolean()) {
                throw new TaskFailedException("Rejected", "no stock");
              }
              return NODES.stringNode("done");
            })
        .build()
        .run(input);
  }

  @Test
  void aResultPathIntoAnArrayIsRetriedAndCaughtAsStatesResultPathMatchFailure() {
    ExecutionResult result =
        run(
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "ResultPath": "$.result", "End": true,
                "Retry": [{"ErrorEquals": ["States.ResultPathMatchFailure"], "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
              "Handled": {"Type": "Pass", "End": true}}}"""
                .formatted(WORK),
            "[1, 2]");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(invoked).containsExactly("work", "work");
    assertThat(result.output().get("Error").asString()).isEqualTo("States.ResultPathMatchFailure");
    assertThat(result.output().get("Cause").asString())
        .isEqualTo(
            "State 'Work' field ResultPath: unable to apply '$.result': 'result' is not inside"
                + " an object");
  }

  @Test
  void aPassStateWhoseResultPathCannotBeAppliedFailsTheExecution() {
    ExecutionResult result =
        run(
            """
            {"StartAt": "Keep", "States": {
              "Keep": {"Type": "Pass", "Result": 1, "ResultPath": "$.kept", "End": true}}}""",
            "\"a string\"");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
    assertThat(result.cause()).startsWith("State 'Keep' field ResultPath:");
  }

  @Test
  void aCatchersResultPathIntoANonObjectFailsTheExecutionNamingTheCatcher() {
    ExecutionResult result =
        run(
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "InputPath": "$[0]", "End": true,
                "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.error",
                           "Next": "Handled"}]},
              "Handled": {"Type": "Pass", "End": true}}}"""
                .formatted(WORK),
            "[{\"fail\": true}]");

    // The catcher's ResultPath applies to the state's raw input, the array.
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
    assertThat(result.cause()).startsWith("State 'Work' field Catch[0].ResultPath:");
  }

  @Test
  void aParametersPathThatMatchesNothingIsStatesRuntimeNeitherRetriedNorCaught() {
    ExecutionResult result =
        run(
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "Parameters": {"id.$": "$.missing"},
                "End": true,
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
              "Handled": {"Type": "Pass", "End": true}}}"""
                .formatted(WORK),
            "{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains("Parameters.id.$");
    assertThat(invoked).isEmpty();
    assertThat(result.history())
        .extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.RETRY_SCHEDULED, HistoryEventType.ERROR_CAUGHT);
  }

  @Test
  void anInputPathThatMatchesNothingIsStatesRuntimeNotCaught() {
    ExecutionResult result =
        run(
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "InputPath": "$.missing", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
              "Handled": {"Type": "Pass", "End": true}}}"""
                .formatted(WORK),
            "{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains("InputPath");
    assertThat(invoked).isEmpty();
  }
}
