package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The context object's timestamps against
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html, whose
 * example shows {@code "StartTime": "2019-03-26T20:14:13.192Z"} and {@code "EnteredTime":
 * "2019-03-26T20:14:13.192Z"}: UTC with milliseconds, in {@code $$} of JSONPath states and {@code
 * $states.context} of JSONata states alike.
 */
class ContextObjectTimestampsTest {

  private static final String DEFINITION =
      """
      {"StartAt": "Paths", "States": {
        "Paths": {"Type": "Pass", "Parameters": {
          "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime"},
          "ResultPath": "$.jsonPath", "Next": "Jsonata"},
        "Jsonata": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {
          "jsonPath": "{% $states.input.jsonPath %}",
          "jsonata": {"start": "{% $states.context.Execution.StartTime %}",
                      "entered": "{% $states.context.State.EnteredTime %}"}}, "End": true}}}""";

  @ParameterizedTest(name = "at {0}")
  @CsvSource({
    "2019-03-26T20:14:13.192Z, 2019-03-26T20:14:13.192Z",
    "2019-03-26T20:14:13.100Z, 2019-03-26T20:14:13.100Z",
    "2019-03-26T20:14:13Z, 2019-03-26T20:14:13.000Z",
    "2019-03-26T00:00:00Z, 2019-03-26T00:00:00.000Z",
  })
  void startAndEnteredTimesCarryMilliseconds(String now, String expected) {
    ExecutionResult result =
        TestEngines.create(DEFINITION, Instant.parse(now))
            .run(TestEngines.JSON.readTree("{}"), "run-1");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String both = "{\"start\": \"" + expected + "\", \"entered\": \"" + expected + "\"}";
    assertThat(result.output())
        .isEqualTo(
            TestEngines.JSON.readTree("{\"jsonPath\": " + both + ", \"jsonata\": " + both + "}"));
  }
}
