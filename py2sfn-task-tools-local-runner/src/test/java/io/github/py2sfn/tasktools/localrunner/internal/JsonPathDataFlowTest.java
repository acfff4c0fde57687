package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.Configuration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSONPath data flow against the AWS Step Functions developer guide ("InputPath, Parameters and
 * ResultSelector", "ResultPath") and the Amazon States Language specification ("Input and Output
 * Processing"): absent fields mean {@code $}, {@code null} discards.
 */
class JsonPathDataFlowTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Configuration PATHS = JacksonJsonProvider.configuration(JSON);
  private static final JsonNode CONTEXT = JSON.createObjectNode();
  private static final JsonNode INPUT =
      JSON.readTree(
          """
          {"comment": "Example for InputPath.",
           "dataset1": {"val1": 1, "val2": 2, "val3": 3},
           "dataset2": {"val1": "a", "val2": "b", "val3": "c"}}""");

  private static StateDefinition.Selection path(String path) {
    return new StateDefinition.Selection(false, JsonPathExpression.compile(path, PATHS));
  }

  @Test
  void inputPathSelectsTheEffectiveInput() {
    StateDefinition.Paths paths =
        new StateDefinition.Paths(path("$.dataset2"), StateDefinition.Selection.DEFAULT);
    assertThat(JsonPathDataFlow.inputPath(paths, INPUT, CONTEXT, VariableScope.root()))
        .isEqualTo(JSON.readTree("{\"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\"}"));
  }

  @Test
  void withoutInputPathOrOutputPathTheWholeInputPasses() {
    // Guide: "If you omit the field, it gets the $ value, representing the entire input."
    assertThat(
            JsonPathDataFlow.inputPath(
                StateDefinition.Paths.DEFAULT, INPUT, CONTEXT, VariableScope.root()))
        .isSameAs(INPUT);
    assertThat(
            JsonPathDataFlow.outputPath(
                StateDefinition.Paths.DEFAULT, INPUT, CONTEXT, VariableScope.root()))
        .isSameAs(INPUT);
  }

  @Test
  void aNullInputPathOrOutputPathGivesAnEmptyObject() {
    // Guide: with a null InputPath "the input is discarded ... and the task receives JSON text
    // representing an empty object {}"; the specification says the same of OutputPath.
    StateDefinition.Paths discarding =
        new StateDefinition.Paths(
            StateDefinition.Selection.DISCARD, StateDefinition.Selection.DISCARD);
    assertThat(JsonPathDataFlow.inputPath(discarding, INPUT, CONTEXT, VariableScope.root()))
        .isEqualTo(JSON.createObjectNode());
    assertThat(JsonPathDataFlow.outputPath(discarding, INPUT, CONTEXT, VariableScope.root()))
        .isEqualTo(JSON.createObjectNode());
  }

  @Test
  void resultPathReplacesKeepsOrJoins() {
    JsonNode result = JSON.readTree("\"Hello, AWS Step Functions!\"");
    String where = "State 'T' field ResultPath";
    // Absent: as if "$", the result replaces the input.
    assertThat(
            JsonPathDataFlow.resultPath(
                StateDefinition.ResultPlacement.DEFAULT, INPUT, result, where))
        .isSameAs(result);
    // null: "the state's input payload will be copied directly to the output, with no regard for
    // the result".
    assertThat(
            JsonPathDataFlow.resultPath(
                StateDefinition.ResultPlacement.DISCARD, INPUT, result, where))
        .isSameAs(INPUT);
    StateDefinition.ResultPlacement joined =
        new StateDefinition.ResultPlacement(false, ReferencePath.parse("$.taskresult"));
    assertThat(JsonPathDataFlow.resultPath(joined, INPUT, result, where).get("taskresult"))
        .isEqualTo(result);
  }

  @Test
  void parametersAndResultSelectorApplyOnlyWhenPresent() {
    assertThat(JsonPathDataFlow.parameters(null, INPUT, CONTEXT, VariableScope.root()))
        .isSameAs(INPUT);
    assertThat(JsonPathDataFlow.resultSelector(null, INPUT, CONTEXT, VariableScope.root()))
        .isSameAs(INPUT);
    PayloadTemplate template =
        PayloadTemplate.compile(
            JSON.readTree("{\"c.$\": \"$.comment\"}"), "Parameters", PATHS, JSON);
    assertThat(JsonPathDataFlow.parameters(template, INPUT, CONTEXT, VariableScope.root()))
        .isEqualTo(JSON.readTree("{\"c\": \"Example for InputPath.\"}"));
    assertThat(JsonPathDataFlow.resultSelector(template, INPUT, CONTEXT, VariableScope.root()))
        .isEqualTo(JSON.readTree("{\"c\": \"Example for InputPath.\"}"));
  }
}
