package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workflow variables ({@code Assign}, {@code $name}) as "Passing data between states with
 * variables" (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html)
 * describes them: where Assign may be, what names it takes, and what a reference to a variable
 * without a value does.
 */
class VariablesTest {

  private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";

  static Stream<Arguments> definitionErrors() {
    String pass = "\"Type\": \"Pass\", \"End\": true";
    return Stream.of(
        // Not a field of Succeed and Fail states (States that support variables).
        Arguments.of(jsonPath("\"A\": {\"Type\": \"Succeed\", \"Assign\": {\"x\": 1}}"), "Assign"),
        Arguments.of(
            jsonPath("\"A\": {\"Type\": \"Fail\", \"Error\": \"E\", \"Assign\": {\"x\": 1}}"),
            "Assign"),
        // Variable name syntax: Unicode identifiers, $states reserved.
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": {\"1x\": 1}}"), "Assign.1x"),
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": {\"a-b\": 1}}"), "Assign.a-b"),
        Arguments.of(
            jsonPath("\"A\": {" + pass + ", \"Assign\": {\"states.$\": \"$\"}}"),
            "Assign.states.$"),
        Arguments.of(
            jsonPath("\"A\": {" + pass + ", \"Assign\": {\"" + "v".repeat(81) + "\": 1}}"),
            "Assign." + "v".repeat(81)),
        Arguments.of(
            jsonPath("\"A\": {" + pass + ", \"Assign\": {\"x\": 1, \"x.$\": \"$\"}}"),
            "Assign.x.$"),
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": [1]}"), "Assign"),
        // Assign field in ASL: "You cannot assign a value to a part of a variable. For example,
        // you can "Assign":{"x":42}, but you cannot "Assign":{"x.y":42} or "Assign":{"x[2]":42}."
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": {\"x.y\": 42}}"), "Assign.x.y"),
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": {\"x[2]\": 42}}"), "Assign.x[2]"),
        Arguments.of(jsonata("\"A\": {" + pass + ", \"Assign\": {\"x.y\": 42}}"), "Assign.x.y"),
        Arguments.of(jsonata("\"A\": {" + pass + ", \"Assign\": {\"x[2]\": 42}}"), "Assign.x[2]"),
        // A JSONata key takes no .$ ("you will not use .$ on JSON object key names",
        // transforming-data.html).
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Assign\": {\"x.$\": \"$.a\"}}"), "Assign.x.$"),
        // A JSONPath Assign value with .$ must be a path or an intrinsic function.
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Assign\": {\"x.$\": \"nope\"}}"), "Assign"),
        // ResultPath is a reference path into the state's data: no variables there.
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"ResultPath\": \"$x\"}"), "ResultPath"),
        // $states members a JSONata Assign may not use: no result in a catcher, no error
        // output in a Choice rule.
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                    + ECHO
                    + "\", \"End\": true, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"],"
                    + " \"Assign\": {\"x\": \"{% $states.result %}\"}, \"Next\": \"A\"}]}"),
            "Catch[0].Assign.x"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"{% true %}\","
                    + " \"Assign\": {\"x\": \"{% $states.errorOutput %}\"}, \"Next\": \"B\"}]},"
                    + " \"B\": {\"Type\": \"Succeed\"}"),
            "Choices[0].Assign.x"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("definitionErrors")
  void definitionErrorsNameStateAndField(String definition, String field) {
    assertThatThrownBy(() -> runner(definition))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).as(e.getMessage()).isEqualTo("A");
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            });
  }

  @Test
  void aJsonPathReferenceToAVariableWithoutAValueIsARuntimeError() {
    ExecutionResult result =
        runner(
                jsonPath(
                    "\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$flag\","
                        + " \"BooleanEquals\": true, \"Next\": \"B\"}], \"Default\": \"C\"},"
                        + " \"B\": {\"Type\": \"Pass\", \"Assign\": {\"flag\": true},"
                        + " \"Next\": \"A\"}, \"C\": {\"Type\": \"Succeed\"}"))
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).contains("flag");
  }

  /**
   * The page's Evaluation order example without its starting values: "If $x had not been previously
   * assigned, the example would fail because $x would be undefined". It fails when it runs: AWS
   * creates such a state machine (the page names no check at creation; LocalStack's tests recorded
   * against AWS, tests/aws/services/stepfunctions/v2/assign/
   * test_assign_reference_variables.py::test_undefined_reference, create machines reading a
   * never-assigned $doesNotExist in Output, Output.result, Assign.result and Arguments, and their
   * executions fail with States.QueryEvaluationError, "... specified for the field 'Output/result'
   * returned nothing (undefined)"), and an undefined result is a "Failure to return a result"
   * (transforming-data.html, Handling expression errors).
   */
  static Stream<Arguments> jsonataReferencesToVariablesWithoutValues() {
    return Stream.of(
        Arguments.of(
            "\"A\": {\"Type\": \"Pass\", \"Assign\": {\"a\": 6}, \"Next\": \"B\"},"
                + " \"B\": {\"Type\": \"Pass\", \"Assign\": {\"x\": \"{% $a %}\", \"nextX\":"
                + " \"{% $x %}\"}, \"End\": true}",
            "Assign.nextX"),
        Arguments.of(
            "\"A\": {\"Type\": \"Pass\", \"Output\": \"{% $doesNotExist %}\", \"End\": true}",
            "Output"),
        Arguments.of(
            "\"A\": {\"Type\": \"Pass\", \"Output\": {\"result\": \"{% $doesNotExist %}\"},"
                + " \"End\": true}",
            "Output.result"),
        Arguments.of(
            "\"A\": {\"Type\": \"Pass\", \"Assign\": {\"result\": \"{% $doesNotExist %}\"},"
                + " \"End\": true}",
            "Assign.result"),
        Arguments.of(
            "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                + ECHO
                + "\", \"Arguments\": {\"value\": \"{% $doesNotExist %}\"}, \"End\": true}",
            "Arguments.value"),
        // A variable a later state assigns has no value yet.
        Arguments.of(
            "\"A\": {\"Type\": \"Pass\", \"Output\": \"{% $later %}\", \"Next\": \"B\"},"
                + " \"B\": {\"Type\": \"Pass\", \"Assign\": {\"later\": 1}, \"End\": true}",
            "Output"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("jsonataReferencesToVariablesWithoutValues")
  void aJsonataReferenceToAVariableWithoutAValueFailsTheStateWhenItRuns(
      String states, String field) {
    ExecutionResult result = runner(jsonata(states)).run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(result.cause())
        .startsWith("An error occurred while executing the state '")
        .contains("the field '" + field + "'")
        .contains("undefined");
  }

  @Test
  void branchesAndIterationsDoNotSeeEachOthersVariables() {
    // Variable scope: "they do not have access to variable values from other concurrent branches
    // or iterations". One at a time, the second iteration still starts without the first's.
    String definition =
        jsonata(
            "\"A\": {\"Type\": \"Map\", \"MaxConcurrency\": 1, \"Items\": [1, 2],"
                + " \"ItemProcessor\": {\"StartAt\": \"Look\", \"States\": {\"Look\":"
                + " {\"Type\": \"Pass\", \"Output\": \"{% $exists($seen) %}\", \"Assign\":"
                + " {\"seen\": true}, \"End\": true}}}, \"Next\": \"B\"}, \"B\": {\"Type\":"
                + " \"Parallel\", \"Arguments\": \"{% $states.input %}\", \"Branches\":"
                + " [{\"StartAt\": \"B0\", \"States\": {\"B0\": {\"Type\": \"Pass\","
                + " \"Assign\": {\"mine\": 0}, \"Next\": \"B0Out\"}, \"B0Out\": {\"Type\":"
                + " \"Pass\", \"Output\": \"{% $exists($mine) %}\", \"End\": true}}},"
                + " {\"StartAt\": \"B1\", \"States\": {\"B1\": {\"Type\": \"Wait\","
                + " \"Seconds\": 1, \"Next\": \"B1Out\"}, \"B1Out\": {\"Type\": \"Pass\","
                + " \"Output\": \"{% $exists($mine) %}\", \"End\": true}}}], \"Output\":"
                + " \"{% {'iterations': $states.input, 'branches': $states.result} %}\", \"End\":"
                + " true}");

    ExecutionResult result = runner(definition).run("{}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString())
        .isEqualTo("{\"iterations\":[false,false],\"branches\":[true,false]}");
  }

  @Test
  void aFailedStateAssignsNothing() {
    // The catcher's Assign runs instead of the state's: the state did not complete.
    ExecutionResult result =
        runner(
                jsonata(
                    "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                        + ECHO.replace("echo", "reject")
                        + "\", \"Assign\": {\"done\": true}, \"Catch\": [{\"ErrorEquals\":"
                        + " [\"States.ALL\"], \"Assign\": {\"caught\": true}, \"Next\": \"B\"}],"
                        + " \"End\": true}, \"B\": {\"Type\": \"Pass\", \"Output\":"
                        + " {\"caught\": \"{% $caught %}\", \"done\": \"{% $exists($done) %}\"},"
                        + " \"End\": true}"))
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("{\"caught\":true,\"done\":false}");
  }

  @Test
  void anIterationMayNotReuseTheNameItsMapStateAssigns() {
    // The Map state's own Assign belongs to the scope around it, so the iteration is inner.
    String definition =
        jsonPath(
            "\"A\": {\"Type\": \"Map\", \"Assign\": {\"x\": 1}, \"ItemProcessor\":"
                + " {\"StartAt\": \"In\", \"States\": {\"In\": {\"Type\": \"Pass\","
                + " \"Assign\": {\"x\": 2}, \"End\": true}}}, \"End\": true}");

    assertThatThrownBy(() -> runner(definition))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("In");
              assertThat(e.field()).isEqualTo("Assign");
            });
  }

  @Test
  void noOtherScopeMayAssignMyVariable() {
    // Variable scope: "if the top-level scope assigns a value to a variable called myVariable,
    // then no other scope (inside a Map, Parallel) can assign to myVariable as well."
    String definition =
        jsonata(
            "\"A\": {\"Type\": \"Pass\", \"Assign\": {\"myVariable\": 1}, \"Next\": \"P\"},"
                + " \"P\": {\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": \"Inner\","
                + " \"States\": {\"Inner\": {\"Type\": \"Pass\", \"Assign\": {\"myVariable\":"
                + " 2}, \"End\": true}}}], \"End\": true}");

    assertThatThrownBy(() -> runner(definition))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("Inner");
              assertThat(e.field()).isEqualTo("Assign");
              assertThat(e.getMessage()).contains("'myVariable'");
            });
  }

  @Test
  void anInnerScopeMayNotReuseANameAnOuterScopeAssignsTwoLevelsUp() {
    String definition =
        "{\"StartAt\": \"Top\", \"States\": {\"Top\": {\"Type\": \"Pass\", \"Assign\":"
            + " {\"x\": 1}, \"Next\": \"P\"}, \"P\": {\"Type\": \"Parallel\", \"End\": true,"
            + " \"Branches\": [{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\","
            + " \"End\": true, \"ItemProcessor\": {\"StartAt\": \"Deep\", \"States\": {\"Deep\":"
            + " {\"Type\": \"Pass\", \"End\": true, \"Choices\": null, \"Assign\": {\"x.$\":"
            + " \"$\"}}}}}}}]}}}";

    assertThatThrownBy(() -> runner(definition.replace(", \"Choices\": null", "")))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("Deep");
              assertThat(e.field()).isEqualTo("Assign");
              assertThat(e.getMessage()).contains("'x'").contains("'Top'");
            });
  }

  @Test
  void anIterationsOwnVariablesAreGoneAfterTheMap() {
    ExecutionResult result =
        runner(
                jsonPath(
                    "\"A\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"I\","
                        + " \"States\": {\"I\": {\"Type\": \"Pass\", \"Assign\": {\"inner\":"
                        + " 1}, \"End\": true}}}, \"Next\": \"B\"}, \"B\": {\"Type\": \"Pass\","
                        + " \"Parameters\": {\"v.$\": \"$inner\"}, \"End\": true}"))
            .run("[1]");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
  }

  @Test
  void theHistoryShowsWhatEachStateAssigned() {
    ExecutionResult result =
        runner(
                jsonata(
                    "\"A\": {\"Type\": \"Pass\", \"Assign\": {\"x\": 3, \"a\": 6}, \"Next\":"
                        + " \"B\"}, \"B\": {\"Type\": \"Pass\", \"Assign\": {\"x\": \"{% $a %}\","
                        + " \"nextX\": \"{% $x %}\"}, \"Next\": \"C\"}, \"C\": {\"Type\": \"Task\","
                        + " \"Resource\": \""
                        + ECHO.replace("echo", "reject")
                        + "\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Assign\":"
                        + " {\"error\": \"{% $states.errorOutput.Error %}\"}, \"Next\": \"D\"}],"
                        + " \"End\": true}, \"D\": {\"Type\": \"Succeed\"}"))
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.history())
        .filteredOn(event -> event.type() == HistoryEventType.STATE_EXITED)
        .extracting(event -> event.stateName() + " " + new java.util.TreeMap<>(event.assigned()))
        .containsExactly("A {a=6, x=3}", "B {nextX=3, x=6}", "C {error=\"Rejected\"}", "D {}");
    assertThat(result.history())
        .filteredOn(event -> "B".equals(event.stateName()))
        .filteredOn(event -> event.type() == HistoryEventType.STATE_EXITED)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.assigned().get("x").asInt()).isEqualTo(6);
              assertThat(event.assigned().get("nextX").asInt()).isEqualTo(3);
              assertThat(event.detail()).isEqualTo("next: C; assigned: nextX, x");
            });
  }

  // "Passing data between states with variables" quotas: 256 KiB per variable and per Assign,
  // 10 MiB per execution; States.DataLimitExceeded is terminal, States.ALL does not catch it
  // (concepts-error-handling.html).
  @Test
  void aVariableOver256KiBFailsTheStateAndStatesAllDoesNotCatchIt() {
    // The value is built by the state, from a result within the payload quota.
    ExecutionResult result =
        runner(
                jsonata(
                    "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                        + ECHO
                        + "\", \"Assign\": {\"big\": \"{% $pad($states.result.s, 262144, 'x')"
                        + " %}\"}, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\":"
                        + " \"B\"}], \"End\": true}, \"B\": {\"Type\": \"Succeed\"}"))
            .run("{\"s\": \"x\"}");

    // The value is the JSON string: 256 KiB of characters and two quotes.
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(result.cause()).contains("'big'");
  }

  /**
   * Limits: "The maximum combined size for all variables in a single Assign field is also 256Kib.
   * For example, you could assign X and Y to 128KiB, but you could not assign both X and Y to
   * 256KiB in the same Assign field." A value's size is that of its JSON text (a string's quotes
   * included).
   */
  static Stream<Arguments> theGuidesAssignSizes() {
    return Stream.of(
        Arguments.of(128 * 1024, ExecutionStatus.SUCCEEDED),
        Arguments.of(256 * 1024, ExecutionStatus.FAILED));
  }

  @ParameterizedTest(name = "X and Y of {0} bytes each: {1}")
  @MethodSource("theGuidesAssignSizes")
  void oneAssignHoldsAtMost256KiB(int bytesEach, ExecutionStatus status) {
    // The values are built in the state: an execution input of their size is over the payload
    // quota.
    ExecutionResult result =
        runner(
                jsonata(
                    "\"A\": {\"Type\": \"Pass\", \"Assign\": {"
                        + "\"X\": \"{% $pad('', $states.input.length, 'x') %}\","
                        + " \"Y\": \"{% $pad('', $states.input.length, 'x') %}\"}, \"End\": true}"))
            .run("{\"length\": " + (bytesEach - 2) + "}");

    assertThat(result.status()).isEqualTo(status);
    if (status == ExecutionStatus.FAILED) {
      assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
      assertThat(result.cause()).contains("one state may assign");
    }
  }

  @Test
  void anIterationOverTheQuotaFailsTheMapPastItsCatchAll() {
    String big = "x".repeat(200 * 1024);
    ExecutionResult result =
        runner(
                jsonPath(
                    "\"A\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"I\","
                        + " \"States\": {\"I\": {\"Type\": \"Pass\", \"Assign\": {\"a.$\":"
                        + " \"$.s\", \"b.$\": \"$.s\"}, \"End\": true}}}, \"Catch\":"
                        + " [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"B\"}], \"End\":"
                        + " true}, \"B\": {\"Type\": \"Succeed\"}"))
            .run("[{\"s\": \"" + big + "\"}]");

    // Each value is under 256 KiB, the two together over it.
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(result.cause()).contains("one state may assign");
  }

  private static LocalStateMachineRunner runner(String definition) {
    return LocalStateMachineRunner.builder()
        .definition(definition)
        .skipWaits(true)
        .taskInvoker(
            request -> {
              if (request.functionName().equals("reject")) {
                throw new TaskFailedException("Rejected", "no stock");
              }
              return request.payload();
            })
        .build();
  }

  private static String jsonata(String states) {
    return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {" + states + "}}";
  }

  private static String jsonPath(String states) {
    return "{\"StartAt\": \"A\", \"States\": {" + states + "}}";
  }
}
