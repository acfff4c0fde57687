package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.localrunner.DefinitionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Problems are reported with their state and field, each as found. */
class DefinitionParserTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static CompiledDefinition parse(String definition) {
    return new DefinitionParser(
            JacksonJsonProvider.configuration(JSON),
            JSON,
            new TaskResources(Map.of()),
            function -> true)
        .parse(JSON.readTree(definition));
  }

  @Test
  void aLambdaInvokeFunctionNameThatIsNoFunctionIsAProblemOfThatField() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    {"StartAt": "T", "States": {"T": {"Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "not a name"}, "End": true}}}"""))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "State 'T', field Parameters.FunctionName: 'not a name' is not a Lambda"
                            + " function name or ARN"));
  }

  @Test
  void choiceRuleProblemsFollowTheMissingNextOfTheirState() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    {"StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [
                        {"Variable": "x", "StringEquals": "a", "Next": "D"},
                        {"Variable": "$.y", "StringEquals": "b"}]},
                      "D": {"Type": "Succeed"}}}"""))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.stateName()).isEqualTo("C");
              assertThat(e.field()).isEqualTo("Choices[1].Next");
              assertThat(e.problems())
                  .containsExactly(
                      "State 'C', field Choices[1].Next: missing",
                      "State 'C', field Choices[0].Variable: 'x' is not a path: it must start"
                          + " with '$'");
            });
  }
}
