package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A {@code lambda:invoke} whose function is named only when the state runs: a {@code
 * FunctionName.$} path in {@code Parameters}, or {@code Arguments} that are one whole JSONata
 * expression. AWS creates such machines and runs them: LocalStack's tests recorded against AWS
 * start executions of both ({@code test_task_service_lambda.py::test_no_such_function} with {@code
 * "FunctionName.$": "$.FunctionName"}, {@code
 * test_assign_reference_variables.py::test_undefined_reference[BASE_UNDEFINED_ARGUMENTS]} with
 * {@code "Arguments": "{% $doesNotExist %}"}), so the runner builds them and resolves the name in
 * each execution.
 */
class LambdaInvokeFunctionNameTest {

  private static final String INVOKE = "arn:aws:states:::lambda:invoke";

  /** The functions the invoker below has. */
  private static final Set<String> FUNCTIONS = Set.of("ship", "bill");

  private final List<String> invoked = new CopyOnWriteArrayList<>();

  private static String jsonpathInvoke(String catchers) {
    return """
        {"StartAt": "Invoke", "States": {
          "Invoke": {"Type": "Task", "Resource": "%s",
            "Parameters": {"FunctionName.$": "$.fn", "Payload.$": "$.payload"},
            "ResultSelector": {"result.$": "$.Payload"},
            %s "End": true},
          "Handled": {"Type": "Pass", "End": true}}}"""
        .formatted(INVOKE, catchers);
  }

  private static String jsonataInvoke(String catchers) {
    return """
        {"QueryLanguage": "JSONata", "StartAt": "Invoke", "States": {
          "Invoke": {"Type": "Task", "Resource": "%s",
            "Arguments": "{%% {'FunctionName': $states.input.fn, 'Payload': $states.input.payload} %%}",
            "Output": {"result": "{%% $states.result.Payload %%}"},
            %s "End": true},
          "Handled": {"Type": "Pass", "End": true}}}"""
        .formatted(INVOKE, catchers);
  }

  static Stream<Arguments> definitions() {
    return Stream.of(
        Arguments.of("Parameters", jsonpathInvoke("")),
        Arguments.of("Arguments", jsonataInvoke("")));
  }

  private static String catcher(String error) {
    return "\"Catch\": [{\"ErrorEquals\": [\"" + error + "\"], \"Next\": \"Handled\"}],";
  }

  /** Both languages' definitions with a catcher on States.ALL. */
  static Stream<Arguments> withStatesAllCatcher() {
    return Stream.of(
        Arguments.of("Parameters", jsonpathInvoke(catcher("States.ALL"))),
        Arguments.of("Arguments", jsonataInvoke(catcher("States.ALL"))));
  }

  /** Both languages' definitions with a catcher on States.TaskFailed. */
  static Stream<Arguments> withTaskFailedCatcher() {
    return Stream.of(
        Arguments.of("Parameters", jsonpathInvoke(catcher("States.TaskFailed"))),
        Arguments.of("Arguments", jsonataInvoke(catcher("States.TaskFailed"))));
  }

  private ExecutionResult run(String definition, String input) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .taskInvoker(
            new TaskInvoker() {
              @Override
              public JsonNode invoke(TaskRequest request) {
                invoked.add(request.functionName());
                return request.payload();
              }

              @Override
              public boolean canInvoke(String functionName) {
                return FUNCTIONS.contains(functionName);
              }
            })
        .build()
        .run(input);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void theNameTheStateComputesIsInvoked(String field, String definition) {
    ExecutionResult result = run(definition, "{\"fn\": \"ship\", \"payload\": {\"order\": 7}}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(invoked).containsExactly("ship");
    assertThat(result.output().toString()).isEqualTo("{\"result\":{\"order\":7}}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void eachExecutionResolvesItsOwnName(String field, String definition) {
    run(definition, "{\"fn\": \"ship\", \"payload\": {}}");
    run(
        definition,
        "{\"fn\": \"arn:aws:lambda:us-east-1:123456789012:function:bill:live\", \"payload\": {}}");

    assertThat(invoked).containsExactly("ship", "bill");
  }

  /** What the state computes as FunctionName, and the end of the cause naming why it is none. */
  static Stream<Arguments> notAFunctionName() {
    return Stream.of(
        Arguments.of("{\"fn\": null, \"payload\": {}}", "FunctionName: not a string but NULL"),
        Arguments.of("{\"fn\": 42, \"payload\": {}}", "FunctionName: not a string but NUMBER"),
        Arguments.of(
            "{\"fn\": {\"name\": \"ship\"}, \"payload\": {}}",
            "FunctionName: not a string but OBJECT"),
        Arguments.of(
            "{\"fn\": \"not a name\", \"payload\": {}}",
            "FunctionName: 'not a name' is not a Lambda function name"));
  }

  static Stream<Arguments> notAFunctionNameInBothLanguages() {
    return withStatesAllCatcher()
        .flatMap(
            definition ->
                notAFunctionName()
                    .map(
                        value ->
                            Arguments.of(
                                definition.get()[0],
                                definition.get()[1],
                                value.get()[0],
                                value.get()[1])));
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("notAFunctionNameInBothLanguages")
  void aValueThatNamesNoFunctionFailsTheExecutionWithStatesRuntime(
      String field, String definition, String input, String reason) {
    // The guide names no error for it; AWS reports Task parameters it cannot start a Task with as
    // States.Runtime ("The Parameters ... could not be used to start the Task", LocalStack's
    // AWS-recorded snapshot of an API Gateway Task), which "isn't retriable" and which a catch on
    // States.ALL "won't catch"
    // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
    ExecutionResult result = run(definition, input);

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).startsWith("State 'Invoke' field " + field + ".").contains(reason);
    assertThat(invoked).isEmpty();
  }

  @Test
  void argumentsWithoutAFunctionNameFailTheExecutionWithStatesRuntime() {
    // The expression yields no FunctionName (JSONata drops a key whose value is undefined); in
    // JSONPath a FunctionName.$ path that matches nothing is already a path error (PathErrorsTest).
    ExecutionResult result = run(jsonataInvoke(catcher("States.ALL")), "{\"payload\": {}}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).isEqualTo("State 'Invoke' field Arguments.FunctionName: missing");
    assertThat(invoked).isEmpty();
  }

  @Test
  void anArgumentsExpressionThatYieldsNothingIsAQueryEvaluationError() {
    // The AWS recording of test_undefined_reference[BASE_UNDEFINED_ARGUMENTS]: "The JSONata
    // expression '$doesNotExist' specified for the field 'Arguments' returned nothing
    // (undefined)", States.QueryEvaluationError.
    ExecutionResult result =
        run(
            """
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {
              "State0": {"Type": "Task", "Resource": "%s", "Arguments": "{%% $doesNotExist %%}",
                "End": true}}}"""
                .formatted(INVOKE),
            "{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(result.cause())
        .contains("specified for the field 'Arguments' returned nothing (undefined)");
    assertThat(invoked).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withTaskFailedCatcher")
  void aNameNoFunctionAnswersToFailsTheTaskWithLambdaResourceNotFound(
      String field, String definition) {
    // LocalStack's test_no_such_function_catch, recorded against AWS: a lambda:invoke whose
    // FunctionName.$ names a function that does not exist fails the task with
    // Lambda.ResourceNotFoundException ("Function not found: arn:...:function:no_such_..."),
    // which a catcher on States.TaskFailed catches.
    ExecutionResult result =
        run(definition, "{\"fn\": \"prod-ShipFunction-1X2Y3Z\", \"payload\": {}}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(invoked).isEmpty();
    assertThat(result.output().get("Error").asString())
        .isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(result.output().get("Cause").asString())
        .startsWith("State 'Invoke' field " + field + ".FunctionName: Function not found:")
        .contains("'prod-ShipFunction-1X2Y3Z'");
    assertThat(result.history())
        .extracting(HistoryEvent::type)
        .containsSubsequence(
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_FAILED,
            HistoryEventType.ERROR_CAUGHT);
  }

  @Test
  void anOverrideMapsADeployedNameTheStateComputes() {
    LocalStateMachineRunner runner =
        LocalStateMachineRunner.builder()
            .definition(jsonataInvoke(""))
            .resourceOverride("prod-ShipFunction-1X2Y3Z", "ship")
            .taskInvoker(
                request -> {
                  invoked.add(request.functionName());
                  return request.payload();
                })
            .build();

    runner.run("{\"fn\": \"prod-ShipFunction-1X2Y3Z\", \"payload\": {}}");

    assertThat(invoked).containsExactly("ship");
  }

  @Test
  void aStaticNameIsStillCheckedBeforeAnythingRuns() {
    assertThatThrownBy(
            () ->
                run(
                    """
                    {"QueryLanguage": "JSONata", "StartAt": "Invoke", "States": {
                      "Invoke": {"Type": "Task", "Resource": "%s",
                        "Arguments": {"FunctionName": "missing", "Payload": "{%% $states.input %%}"},
                        "End": true}}}"""
                        .formatted(INVOKE),
                    "{}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            "State 'Invoke', field Arguments.FunctionName: no function 'missing'");
  }

  @Test
  void argumentsThatAreNeitherAnObjectNorAnExpressionAreADefinitionError() {
    assertThatThrownBy(
            () ->
                run(
                    """
                    {"QueryLanguage": "JSONata", "StartAt": "Invoke", "States": {
                      "Invoke": {"Type": "Task", "Resource": "%s", "Arguments": "ship",
                        "End": true}}}"""
                        .formatted(INVOKE),
                    "{}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            "State 'Invoke', field Arguments: lambda:invoke needs Arguments with a FunctionName");
  }
}
