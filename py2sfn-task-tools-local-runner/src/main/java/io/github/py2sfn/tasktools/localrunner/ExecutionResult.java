package io.github.py2sfn.tasktools.localrunner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of one local execution.
 *
 * @param status how it ended
 * @param output the final output when it succeeded, otherwise null
 * @param error the error name when it failed, timed out or was aborted (may be null for an abort
 *     without one)
 * @param cause the cause text when it failed, timed out or was aborted, or null
 * @param executionArn the execution ARN ({@code $$.Execution.Id}); the mirrored execution's when
 *     mirrored
 * @param executionName the execution name
 * @param stateMachineArn the state machine ARN ({@code $$.StateMachine.Id})
 * @param startDate when it started
 * @param stopDate when it ended
 * @param history every event, in order
 */
public record ExecutionResult(
    ExecutionStatus status,
    @Nullable JsonNode output,
    @Nullable String error,
    @Nullable String cause,
    String executionArn,
    String executionName,
    String stateMachineArn,
    Instant startDate,
    Instant stopDate,
    List<HistoryEvent> history) {

  /** Copies the history so the record stays immutable. */
  public ExecutionResult {
    history = List.copyOf(history);
  }

  /** How long the execution ran. */
  public Duration duration() {
    return Duration.between(startDate, stopDate);
  }

  /**
   * The history as a fixed-width text table, one line per event: elapsed milliseconds, event, state
   * (with its scope), type, how long the state took, and the detail.
   *
   * @return the table, ending with a line break
   */
  public String historyTable() {
    String format = "%4s %9s  %-19s  %-40s  %-8s  %9s  %s%n";
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT, format, "#", "ms", "event", "state", "type", "took ms", "detail"));
    for (HistoryEvent event : history) {
      String state =
          event.stateName() == null
              ? ""
              : event.scope().isEmpty()
                  ? event.stateName()
                  : event.scope() + "/" + event.stateName();
      table.append(
          String.format(
              Locale.ROOT,
              format,
              event.id(),
              millis(event.elapsed()),
              event.type().name(),
              state,
              event.stateType() == null ? "" : event.stateType(),
              event.duration() == null ? "" : millis(event.duration()),
              event.detail() == null ? "" : event.detail()));
    }
    return table.toString();
  }

  private static String millis(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1_000_000.0);
  }
}
