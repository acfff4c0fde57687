package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.localrunner.DefinitionException;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wait states against https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html: {@code
 * Seconds} is "an integer value from 0 to 99999999", {@code SecondsPath} "a path in the states
 * input data to an integer value", timestamps follow the RFC 3339 profile, and "if you specify the
 * wait time as a timestamp, Step Functions considers the time value up to seconds and truncates
 * milliseconds". Runs with a fixed clock and skipped waits, reading the wait the history records.
 */
class WaitStepTest {

  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

  private static Engine engine(String waitFields) {
    return TestEngines.create(
        "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", "
            + waitFields
            + ", \"End\": true}}}",
        NOW);
  }

  private static ExecutionResult run(String waitFields, String input) {
    return engine(waitFields).run(TestEngines.JSON.readTree(input), "run-1");
  }

  private static String waited(ExecutionResult result) {
    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return result.history().stream()
        .filter(event -> event.type() == HistoryEventType.WAITED)
        .map(HistoryEvent::detail)
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0} with {1} waits {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"Seconds\": 10 | {} | skipped 10.0 s",
        "\"Seconds\": 0 | {} | skipped 0.0 s",
        "\"Seconds\": 99999999 | {} | skipped 9.9999999E7 s",
        "\"SecondsPath\": \"$.s\" | {\"s\": 5} | skipped 5.0 s",
        "\"SecondsPath\": \"$.s\" | {\"s\": 0} | skipped 0.0 s",
        // A number without a fraction is an integer, as in JSON.
        "\"SecondsPath\": \"$.s\" | {\"s\": 5.0} | skipped 5.0 s",
        "\"Timestamp\": \"2024-01-01T00:00:30Z\" | {} | skipped 30.0 s",
        "\"Timestamp\": \"2024-01-01T01:00:30+01:00\" | {} | skipped 30.0 s",
        // Milliseconds of a timestamp are truncated.
        "\"Timestamp\": \"2024-01-01T00:00:30.999Z\" | {} | skipped 30.0 s",
        "\"TimestampPath\": \"$.t\" | {\"t\": \"2024-01-01T00:00:30.750Z\"} | skipped 30.0 s",
        // A timestamp in the past does not wait.
        "\"Timestamp\": \"2023-12-31T23:59:00Z\" | {} | skipped 0.0 s",
        // The same rules for a JSONata state.
        "\"QueryLanguage\": \"JSONata\", \"Seconds\": \"{% $states.input.s %}\" | {\"s\": 7} | skipped"
            + " 7.0 s",
        "\"QueryLanguage\": \"JSONata\", \"Timestamp\": \"{% $states.input.t %}\""
            + " | {\"t\": \"2024-01-01T00:00:30.999Z\"} | skipped 30.0 s",
      })
  void aWaitStateWaitsAsDocumented(String fields, String input, String expected) {
    assertThat(waited(run(fields, input))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "SecondsPath {0}")
  @ValueSource(strings = {"1.5", "-1", "\"10\"", "true", "null", "[1]"})
  void secondsPathThatIsNoNonNegativeIntegerFailsTheExecution(String value) {
    ExecutionResult result = run("\"SecondsPath\": \"$.s\"", "{\"s\": " + value + "}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause()).isEqualTo("State 'W' field SecondsPath: not a non-negative integer");
  }

  @ParameterizedTest(name = "TimestampPath {0}")
  @ValueSource(strings = {"2024-01-01T00:00:30z", "2024-01-01T00:01Z", "2024-01-01", "soon"})
  void timestampPathThatIsNoTimestampFailsTheExecution(String value) {
    ExecutionResult result = run("\"TimestampPath\": \"$.t\"", "{\"t\": \"" + value + "\"}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.Runtime");
    assertThat(result.cause())
        .isEqualTo("State 'W' field TimestampPath: not an RFC 3339 timestamp");
  }

  @ParameterizedTest(name = "Timestamp {0}")
  @ValueSource(strings = {"2024-01-01T00:00:30z", "2024-01-01T00:01Z"})
  void aJsonataTimestampThatIsNoTimestampIsAQueryEvaluationError(String value) {
    ExecutionResult result =
        run(
            "\"QueryLanguage\": \"JSONata\", \"Timestamp\": \"{% $states.input.t %}\"",
            "{\"t\": \"" + value + "\"}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.QueryEvaluationError");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"Seconds\": 1.5 | field Seconds: must be an integer from 0 to 99999999",
        "\"Seconds\": -1 | field Seconds: must be an integer from 0 to 99999999",
        "\"Seconds\": 100000000 | field Seconds: must be an integer from 0 to 99999999",
        "\"Seconds\": \"10\" | field Seconds: must be an integer from 0 to 99999999",
        "\"Timestamp\": \"2024-01-01T00:00:30z\" | field Timestamp: is not an RFC 3339 timestamp"
            + " (uppercase T, seconds, and Z or a numeric offset)",
        "\"Timestamp\": \"2024-01-01T00:01Z\" | field Timestamp: is not an RFC 3339 timestamp"
            + " (uppercase T, seconds, and Z or a numeric offset)",
      })
  void anInvalidLiteralIsADefinitionErrorOfItsField(String fields, String problem) {
    assertThatThrownBy(() -> engine(fields))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> assertThat(e.problems()).containsExactly("State 'W', " + problem));
  }
}
