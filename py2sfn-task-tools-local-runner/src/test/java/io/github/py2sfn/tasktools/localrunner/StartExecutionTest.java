package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code states:startExecution} tasks that start a state machine the runner knows, as Start a new
 * AWS Step Functions state machine from a running execution
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html) describes them:
 * {@code .sync} returns {@code Output} as a JSON string, {@code .sync:2} as JSON, request-response
 * returns once the execution started; and Run a Job (.sync)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-sync): an
 * aborted {@code .sync} task stops the execution it started.
 */
class StartExecutionTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GREETER_ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:Greeter";

  /** Greets {@code $.who}; fails with Greeting.Refused when there is no one to greet. */
  private static final String GREETER =
      """
      {"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Default": "Greet",
          "Choices": [{"Variable": "$.who", "IsPresent": false, "Next": "Refuse"}]},
        "Refuse": {"Type": "Fail", "Error": "Greeting.Refused", "Cause": "nobody to greet"},
        "Greet": {"Type": "Pass", "End": true, "Parameters": {
          "greeting.$": "States.Format('hello {}', $.who)",
          "startedBy.$": "$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"}}}}""";

  private static LocalStateMachineRunner greeter() {
    return LocalStateMachineRunner.builder()
        .definition(GREETER)
        .stateMachineName("Greeter")
        .build();
  }

  private static String parent(String resource, String taskFields) {
    return """
        {"StartAt": "Start", "States": {
          "Start": {"Type": "Task", "Resource": "%s", "End": true%s}}}"""
        .formatted(resource, taskFields);
  }

  private static final String GREET_ADA =
      """
      , "Parameters": {"StateMachineArn": "%s", "Name": "greet-ada",
          "Input": {"who": "Ada", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}}"""
          .formatted(GREETER_ARN);

  private static ExecutionResult run(String definition, LocalStateMachineRunner child) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .stateMachineName("Parent")
        .stateMachine(child)
        .build()
        .run("{}");
  }

  @Test
  void sync2WaitsForTheExecutionAndReturnsItsOutputAsJson() {
    ExecutionResult result =
        run(parent("arn:aws:states:::states:startExecution.sync:2", GREET_ADA), greeter());

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = result.output();
    assertThat(output.get("Output").get("greeting").asString()).isEqualTo("hello Ada");
    // The input links the executions only because it says so, with $$.Execution.Id.
    assertThat(output.get("Output").get("startedBy").asString()).isEqualTo(result.executionArn());
    assertThat(output.get("Status").asString()).isEqualTo("SUCCEEDED");
    assertThat(output.get("Name").asString()).isEqualTo("greet-ada");
    assertThat(output.get("ExecutionArn").asString())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Greeter:greet-ada");
    assertThat(output.get("StateMachineArn").asString()).isEqualTo(GREETER_ARN);
    assertThat(JSON.readTree(output.get("Input").asString()).get("who").asString())
        .isEqualTo("Ada");
    assertThat(output.get("StopDate").asLong())
        .isGreaterThanOrEqualTo(output.get("StartDate").asLong());
    // The nested execution's events are in the parent's history, under the task's scope.
    assertThat(result.history())
        .filteredOn(event -> event.scope().equals("Start(greet-ada)"))
        .extracting(HistoryEvent::type)
        .startsWith(HistoryEventType.EXECUTION_STARTED)
        .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void syncReturnsTheOutputAsAJsonString() {
    ExecutionResult result =
        run(parent("arn:aws:states:::states:startExecution.sync", GREET_ADA), greeter());

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = result.output().get("Output");
    assertThat(output.isString()).isTrue();
    assertThat(JSON.readTree(output.asString()).get("greeting").asString()).isEqualTo("hello Ada");
  }

  /** An execution that fails fails the task with States.TaskFailed, for Retry and Catch. */
  @Test
  void aFailedExecutionFailsTheTaskWhichACatchRoutes() {
    String definition =
        """
        {"StartAt": "Start", "States": {
          "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": "%s", "Input": {}},
            "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure",
              "Next": "Handled"}], "End": true},
          "Handled": {"Type": "Pass", "End": true}}}"""
            .formatted(GREETER_ARN);

    ExecutionResult result = run(definition, greeter());

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode failure = result.output().get("failure");
    assertThat(failure.get("Error").asString()).isEqualTo("States.TaskFailed");
    // The cause is the execution's description.
    JsonNode description = JSON.readTree(failure.get("Cause").asString());
    assertThat(description.get("Status").asString()).isEqualTo("FAILED");
    assertThat(description.get("Error").asString()).isEqualTo("Greeting.Refused");
    assertThat(description.get("Cause").asString()).isEqualTo("nobody to greet");
    assertThat(description.has("Output")).isFalse();
  }

  @Test
  void requestResponseReturnsOnceTheExecutionStarted() throws InterruptedException {
    CountDownLatch childRan = new CountDownLatch(1);
    LocalStateMachineRunner child =
        LocalStateMachineRunner.builder()
            .definition(
                """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "End": true,
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work"}}}""")
            .stateMachineName("Worker")
            .taskInvoker(
                request -> {
                  childRan.countDown();
                  return JSON.nullNode();
                })
            .build();
    String definition =
        parent(
            "arn:aws:states:::states:startExecution",
            ", \"Parameters\": {\"StateMachineArn\": \"" + child.stateMachineArn() + "\"}");

    ExecutionResult result = run(definition, child);

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().propertyNames())
        .containsExactlyInAnyOrder("ExecutionArn", "StartDate");
    assertThat(result.output().get("ExecutionArn").asString())
        .startsWith("arn:aws:states:us-east-1:123456789012:execution:Worker:");
    assertThat(result.output().get("StartDate").isNumber()).isTrue();
    assertThat(childRan.await(10, TimeUnit.SECONDS)).isTrue();
  }

  /** JSONata: Arguments name the state machine and input; the ARN may carry an alias. */
  @Test
  void aJsonataTaskStartsItWithArguments() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "Start", "States": {
          "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Arguments": {"StateMachineArn": "GREETER:live", "Input": "{% $merge([$states.input, \
        {'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID': $states.context.Execution.Id}]) %}"},
            "Output": "{% $states.result.Output.greeting %}", "End": true}}}"""
            .replace("GREETER", GREETER_ARN);

    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .stateMachine(greeter())
            .build()
            .run("{\"who\": \"Grace\"}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().asString()).isEqualTo("hello Grace");
  }

  @Test
  void aStateMachineTheRunnerDoesNotKnowIsRejectedWhenBuilt() {
    String definition = parent("arn:aws:states:::states:startExecution.sync:2", GREET_ADA);

    assertThatThrownBy(() -> LocalStateMachineRunner.builder().definition(definition).build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("Start");
              assertThat(e.field()).as(e.getMessage()).isEqualTo("Parameters.StateMachineArn");
            });
  }

  @Test
  void aStateMachineArnFromThePathThatNamesNoneFailsTheTask() {
    String definition =
        parent(
            "arn:aws:states:::states:startExecution.sync:2",
            ", \"Parameters\": {\"StateMachineArn.$\": \"$.machine\"}");

    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .stateMachine(greeter())
            .build()
            .run("{\"machine\": \"arn:aws:states:us-east-1:123456789012:stateMachine:Nope\"}");

    assertThat(result.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
    assertThat(result.cause()).contains("State 'Start' field Parameters.StateMachineArn");
  }

  /**
   * Any other {@code .sync} resource runs the function an override maps it to, and that function's
   * result is the task's: it runs the job to completion before it returns.
   */
  @Test
  void aSyncResourceMappedToAFunctionTakesTheFunctionsResult() {
    String definition =
        parent(
            "arn:aws:states:::batch:submitJob.sync",
            ", \"Parameters\": {\"JobName\": \"nightly\"}");

    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .resourceOverride("arn:aws:states:::batch:submitJob.sync", "runJob")
            .taskInvoker(
                request ->
                    JSON.createObjectNode()
                        .put("function", request.functionName())
                        .put("Status", "SUCCEEDED")
                        .put("JobName", request.payload().get("JobName").asString()))
            .build()
            .run("{}");

    assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output())
        .isEqualTo(
            JSON.readTree(
                "{\"function\": \"runJob\", \"Status\": \"SUCCEEDED\", \"JobName\": \"nightly\"}"));
  }

  @Test
  void anUnmappedSyncResourceIsRejectedWhenBuilt() {
    String definition = parent("arn:aws:states:::batch:submitJob.sync", "");

    assertThatThrownBy(
            () ->
                LocalStateMachineRunner.builder()
                    .definition(definition)
                    .taskInvoker(request -> JSON.nullNode())
                    .build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("Start");
              assertThat(e.field()).isEqualTo("Resource");
            });
  }

  private static LocalStateMachineRunner sleeper() {
    return LocalStateMachineRunner.builder()
        .definition(
            """
            {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 30, "End": true}}}""")
        .stateMachineName("Sleeper")
        .build();
  }

  /** The task's TimeoutSeconds applies to the wait: States.Timeout, and the execution stops. */
  @Test
  void timeoutSecondsStopsTheExecutionAndFailsTheTask() {
    String definition =
        parent(
            "arn:aws:states:::states:startExecution.sync:2",
            ", \"TimeoutSeconds\": 1, \"Parameters\": {\"StateMachineArn\":"
                + " \"arn:aws:states:us-east-1:123456789012:stateMachine:Sleeper\", \"Name\":"
                + " \"nap\"}");

    long started = System.nanoTime();
    ExecutionResult result = run(definition, sleeper());

    assertThat(result.error()).isEqualTo("States.Timeout");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
    assertThat(result.history())
        .filteredOn(event -> event.scope().equals("Start(nap)"))
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.EXECUTION_ABORTED);
  }

  /** "A task can be aborted if: The state machine execution is stopped", here by its timeout. */
  @Test
  void theParentTimingOutStopsTheStartedExecution() {
    String definition =
        """
        {"TimeoutSeconds": 1, "StartAt": "Start", "States": {"Start": {"Type": "Task",
          "End": true, "Resource": "arn:aws:states:::states:startExecution.sync",
          "Parameters": {"StateMachineArn": "Sleeper", "Name": "nap"}}}}""";

    ExecutionResult result = run(definition, sleeper());

    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.history())
        .filteredOn(event -> event.scope().equals("Start(nap)"))
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.EXECUTION_ABORTED);
  }

  /**
   * "A task can be aborted if ... A different branch of a Parallel state fails with an uncaught
   * error"; then Step Functions stops the execution it started.
   */
  @Test
  void aFailingSiblingBranchStopsTheStartedExecution() {
    String definition =
        """
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Start", "States": {"Start": {"Type": "Task", "End": true,
            "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": {"StateMachineArn": "Sleeper", "Name": "nap"}}}},
          {"StartAt": "Pause", "States": {
            "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Boom"},
            "Boom": {"Type": "Fail", "Error": "Branch.Failed"}}}]}}}""";

    long started = System.nanoTime();
    ExecutionResult result = run(definition, sleeper());

    assertThat(result.error()).isEqualTo("Branch.Failed");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
    assertThat(result.history())
        .filteredOn(event -> event.scope().equals("Both[0]/Start(nap)"))
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.EXECUTION_ABORTED);
  }
}
