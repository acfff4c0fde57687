package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner's own JSONata suite: moto cannot run JSONata, so each definition under {@code
 * conformance/jsonata/} runs on the runner only, against {@code <name>.expected.json}, which holds
 * the result the AWS page in its {@code source} field documents. Definition errors, which need no
 * execution, are the second half: each names its state and field.
 */
class JsonataConformanceTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static Stream<String> definitions() {
    return Stream.of(
        // "Transforming data with JSONata", section by section.
        "conversion-sample-jsonpath",
        "conversion-sample-jsonata",
        "expression-strings",
        "expression-errors-caught",
        "query-error-retried-and-caught",
        "choice-conversion-jsonpath",
        "choice-conversion-jsonata",
        "example-input-output",
        "example-filtering",
        "step-functions-functions",
        // "Processing input and output".
        "processing-input-output",
        // The state pages in JSONata mode.
        "choice-condition",
        "wait-then-fail",
        "task-arguments-output",
        "catch-default-error-output",
        "map-items-selector-output",
        "map-input-array-inherits",
        "map-items-not-array-caught",
        "parallel-arguments-output",
        // "Accessing execution data from the Context object", its JSONata Map example.
        "context-object-map",
        // "Passing data between states with variables", in both query languages (moto has no
        // variables either).
        "variables-assign-field",
        "variables-evaluation-order",
        "variables-jsonata-states",
        "variables-jsonpath-examples",
        "variables-jsonpath-dollar",
        "variables-jsonpath-states",
        "variables-map-parallel-scopes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void runnerMatchesTheDocumentedResult(String name) throws Exception {
    JsonNode expected = JSON.readTree(resource(name + ".expected.json"));
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(resource(name + ".asl.json"))
            .skipWaits(true)
            .taskInvoker(
                request -> {
                  if (request.functionName().equals("reject")) {
                    throw new TaskFailedException("Rejected", "no stock");
                  }
                  return request.payload();
                })
            .build()
            .run(resource(name + ".input.json"));

    assertThat(result.status().name())
        .as("%s\n%s", expected.get("source"), result.historyTable())
        .isEqualTo(expected.get("status").asString());
    JsonNode output = result.output();
    if (output != null && expected.has("outputSelect")) {
      output = output.get(expected.get("outputSelect").asString());
    }
    JsonNode expectedOutput = expected.get("output");
    assertThat(output).isEqualTo(expectedOutput.isNull() ? null : expectedOutput);
    assertThat(result.error()).isEqualTo(expected.path("error").asString(null));
    assertThat(result.cause()).isEqualTo(expected.path("cause").asString(null));
    if (expected.has("retries")) {
      assertThat(result.history())
          .filteredOn(event -> event.type() == HistoryEventType.RETRY_SCHEDULED)
          .hasSize(expected.get("retries").asInt());
    }
  }

  static Stream<Arguments> definitionErrors() {
    String pass = "\"Type\": \"Pass\", \"End\": true";
    String map =
        "\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"B\", \"States\":"
            + " {\"B\": {\"Type\": \"Succeed\"}}}";
    String parallel =
        "\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"B\","
            + " \"States\": {\"B\": {\"Type\": \"Succeed\"}}}]";
    return Stream.of(
        // transforming-data.html: JSONata states have Arguments and Output instead of the five
        // JSONPath fields.
        Arguments.of(jsonata("\"A\": {" + pass + ", \"InputPath\": \"$.x\"}"), "A", "InputPath"),
        Arguments.of(jsonata("\"A\": {" + pass + ", \"Parameters\": {}}"), "A", "Parameters"),
        Arguments.of(jsonata("\"A\": {" + pass + ", \"ResultPath\": \"$.x\"}"), "A", "ResultPath"),
        Arguments.of(jsonata("\"A\": {" + pass + ", \"OutputPath\": \"$.x\"}"), "A", "OutputPath"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"ResultSelector\": {}, \"End\": true}"),
            "A",
            "ResultSelector"),
        Arguments.of(
            jsonata("\"A\": {\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}"),
            "A",
            "SecondsPath"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"End\": true, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"],"
                    + " \"ResultPath\": \"$.e\", \"Next\": \"A\"}]}"),
            "A",
            "Catch[0].ResultPath"),
        // ... and JSONPath states have no Arguments or Output.
        Arguments.of(jsonPath("\"A\": {" + pass + ", \"Output\": {}}"), "A", "Output"),
        Arguments.of(
            jsonPath(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"Arguments\": {}, \"End\": true}"),
            "A",
            "Arguments"),
        Arguments.of(
            jsonPath(
                "\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\": \"{% true %}\","
                    + " \"Next\": \"B\"}]}, \"B\": {\"Type\": \"Succeed\"}"),
            "A",
            "Choices[0].Condition"),
        // statemachine-structure.html: a JSONata machine may not hold JSONPath states.
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"QueryLanguage\": \"JSONPath\"}"),
            "A",
            "QueryLanguage"),
        // workflow-variables.html, "Reserved variable : $states": "Attempting to access
        // $states.result or $states.errorOutput in fields and states where they are not
        // accessible will be caught at creation, update, or validation of the state machine."
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": \"{% $states.errorOutput %}\"}"),
            "A",
            "Output"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\":"
                    + " \"{% $states.result.ok %}\", \"Next\": \"B\"}]}, \"B\": {\"Type\":"
                    + " \"Succeed\"}"),
            "A",
            "Choices[0].Condition"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Wait\", \"Seconds\": \"{% $states.result %}\", \"End\":"
                    + " true}"),
            "A",
            "Seconds"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"End\": true, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"],"
                    + " \"Output\": \"{% $states.result %}\", \"Next\": \"A\"}]}"),
            "A",
            "Catch[0].Output"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": \"{% $states.result %}\"}"), "A", "Output"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"Arguments\": {\"r\": \"{% $states.result %}\"},"
                    + " \"End\": true}"),
            "A",
            "Arguments.r"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"Output\": \"{% $states.errorOutput %}\", \"End\": true}"),
            "A",
            "Output"),
        // transforming-data.html: "$eval is not available".
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": \"{% $eval('1') %}\"}"), "A", "Output"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": \"{% $states.input. %}\"}"), "A", "Output"),
        // transforming-data.html, "Writing JSONata expressions in JSON strings": "the string must
        // start with {% with no leading spaces, and must end with %} with no trailing spaces.
        // Improperly opening or closing the expression will result in a validation error."
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": {\"x\": \"{% 1 + 1\"}}"), "A", "Output.x"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": {\"x\": \"1 + 1 %}\"}}"), "A", "Output.x"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": {\"x\": \" {% 1 %}\"}}"), "A", "Output.x"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Output\": [\"{% 1 %} \"]}"), "A", "Output[0]"),
        // ... "Not all ASL fields accept JSONata. For example, each state's Type field must be set
        // to a constant string. Similarly, the Task state's Resource field".
        Arguments.of(jsonata("\"A\": {\"Type\": \"{% 'Pass' %}\", \"End\": true}"), "A", "Type"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"{% 'arn:aws:lambda:us-east-1:"
                    + "123456789012:function:echo' %}\", \"End\": true}"),
            "A",
            "Resource"),
        // "Converting from JSONPath to JSONata": a Pass state's Result gives way to Output, the
        // Path fields to expressions in the plain fields, a Choice rule's Variable and comparison
        // fields to a Condition ("Condition is only available for JSONata").
        Arguments.of(jsonata("\"A\": {" + pass + ", \"Result\": {}}"), "A", "Result"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:"
                    + "function:echo\", \"TimeoutSecondsPath\": \"$timeout\", \"End\": true}"),
            "A",
            "TimeoutSecondsPath"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.price\","
                    + " \"NumericLessThanEqualsPath\": \"$.desired\", \"Next\": \"B\"}]},"
                    + " \"B\": {\"Type\": \"Succeed\"}"),
            "A",
            "Choices[0].Variable"),
        // JSONata Map and Parallel states: JSONPath fields, what is unsupported, misplaced members.
        Arguments.of(jsonata("\"A\": {" + map + ", \"ItemsPath\": \"$.items\"}"), "A", "ItemsPath"),
        Arguments.of(
            jsonata("\"A\": {" + map + ", \"ToleratedFailureCount\": 1}"),
            "A",
            "ToleratedFailureCount"),
        Arguments.of(jsonata("\"A\": {" + map + ", \"Items\": {\"a\": 1}}"), "A", "Items"),
        Arguments.of(
            jsonata("\"A\": {" + map + ", \"MaxConcurrency\": \"two\"}"), "A", "MaxConcurrency"),
        Arguments.of(
            jsonata("\"A\": {" + map + ", \"ItemSelector\": {\"r\": \"{% $states.result %}\"}}"),
            "A",
            "ItemSelector.r"),
        Arguments.of(jsonata("\"A\": {\"Type\": \"Map\", \"End\": true}"), "A", "ItemProcessor"),
        Arguments.of(
            jsonata(
                "\"A\": {\"Type\": \"Map\", \"Iterator\": {\"StartAt\": \"B\", \"States\":"
                    + " {\"B\": {\"Type\": \"Succeed\"}}}, \"End\": true}"),
            "A",
            "Iterator"),
        Arguments.of(jsonata("\"A\": {" + parallel + ", \"Parameters\": {}}"), "A", "Parameters"),
        Arguments.of(
            jsonata("\"A\": {" + parallel + ", \"ResultSelector\": {}}"), "A", "ResultSelector"),
        Arguments.of(
            jsonata("\"A\": {" + parallel + ", \"Arguments\": \"{% $states.result %}\"}"),
            "A",
            "Arguments"),
        Arguments.of(
            jsonata("\"A\": {\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}"),
            "A",
            "Branches"),
        // workflow-variables.html: Assign is a field of Pass, Task, Map, Parallel, Choice and
        // Wait states only.
        Arguments.of(
            jsonata("\"A\": {\"Type\": \"Succeed\", \"Assign\": {\"x\": 1}}"), "A", "Assign"),
        Arguments.of(
            jsonata("\"A\": {\"Type\": \"Fail\", \"Error\": \"E\", \"Assign\": {\"x\": 1}}"),
            "A",
            "Assign"),
        // ... and $states is reserved.
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Assign\": {\"states\": 1}}"), "A", "Assign.states"),
        Arguments.of(
            jsonata("\"A\": {" + pass + ", \"Assign\": {\"r\": \"{% $states.result %}\"}}"),
            "A",
            "Assign.r"));
  }

  @ParameterizedTest(name = "{1}.{2}")
  @MethodSource("definitionErrors")
  void definitionErrorsNameStateAndField(String definition, String state, String field) {
    assertThatThrownBy(
            () ->
                LocalStateMachineRunner.builder()
                    .definition(definition)
                    .taskInvoker(request -> request.payload())
                    .build())
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).as(e.getMessage()).isEqualTo(state);
              assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            });
  }

  private static String jsonata(String states) {
    return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {" + states + "}}";
  }

  private static String jsonPath(String states) {
    return "{\"StartAt\": \"A\", \"States\": {" + states + "}}";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        JsonataConformanceTest.class.getResourceAsStream("/conformance/jsonata/" + name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
