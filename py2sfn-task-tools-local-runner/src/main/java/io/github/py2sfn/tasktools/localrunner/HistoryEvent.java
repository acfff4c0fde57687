package io.github.py2sfn.tasktools.localrunner;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a local execution's history. It holds no state data (only names, errors and timings)
 * but the workflow variables a state assigned.
 *
 * @param id position in the history, from 1
 * @param type what happened
 * @param timestamp when it happened
 * @param elapsed time since the execution started
 * @param scope where the state runs: empty at top level, {@code Fanout[3]} in iteration 3 of Map
 *     {@code Fanout}, {@code Both[0]} in branch 0 of Parallel {@code Both}, nested with {@code /}
 * @param stateName the state, or null for execution events
 * @param stateType the state's ASL type ({@code Task}, {@code Map}, ...), or null for execution
 *     events
 * @param duration for {@link HistoryEventType#STATE_EXITED} and {@link
 *     HistoryEventType#STATE_FAILED}: time since the state was entered; otherwise null
 * @param detail the function name, error name, retry attempt or wait time, or null
 * @param assigned for {@link HistoryEventType#STATE_EXITED}: the workflow variables the state's
 *     {@code Assign} fields set (its own, its chosen Choice rule's or its catcher's), by name, as
 *     stored once it was done (the detail names them too); otherwise empty
 */
public record HistoryEvent(
    int id,
    HistoryEventType type,
    Instant timestamp,
    Duration elapsed,
    String scope,
    @Nullable String stateName,
    @Nullable String stateType,
    @Nullable Duration duration,
    @Nullable String detail,
    Map<String, JsonNode> assigned) {

  /** Copies {@code assigned}. */
  public HistoryEvent {
    assigned = Map.copyOf(assigned);
  }

  /** An event that assigns no variables, as before variables were recorded. */
  public HistoryEvent(
      int id,
      HistoryEventType type,
      Instant timestamp,
      Duration elapsed,
      String scope,
      @Nullable String stateName,
      @Nullable String stateType,
      @Nullable Duration duration,
      @Nullable String detail) {
    this(id, type, timestamp, elapsed, scope, stateName, stateType, duration, detail, Map.of());
  }
}
