package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The events of one execution, in order. Map iterations and Parallel branches record from several
 * threads at once, so every access holds the lock.
 */
final class History {

  private final Clock clock;
  private final long startNanos;
  private final List<HistoryEvent> events;
  // Put before every scope: a nested execution's place in the history it records into.
  private final String prefix;

  History(Clock clock) {
    this.clock = clock;
    this.startNanos = System.nanoTime();
    this.events = new ArrayList<>();
    this.prefix = "";
  }

  /**
   * The history of an execution nested in another's, such as one a {@code
   * states:startExecution.sync} task started: its events go into {@code outer}, each scope under
   * {@code scope}.
   */
  History(History outer, Clock clock, String scope) {
    this.clock = clock;
    this.startNanos = outer.startNanos;
    this.events = outer.events;
    this.prefix = outer.scoped(scope);
  }

  private String scoped(String scope) {
    if (prefix.isEmpty()) {
      return scope;
    }
    return scope.isEmpty() ? prefix : prefix + "/" + scope;
  }

  /**
   * Records one event.
   *
   * @param scope where it happened: empty at top level, {@code Fanout[3]} inside an iteration
   * @param state the state, or null for execution and iteration events
   * @param took how long the state ran, for exit and failure events; otherwise null
   * @param detail the function, error, attempt or wait time, or null
   */
  void record(
      HistoryEventType type,
      String scope,
      @Nullable StateDefinition state,
      @Nullable Duration took,
      @Nullable String detail) {
    record(type, scope, state, took, detail, Map.of());
  }

  /** Records one event, with the variables its state assigned. */
  void record(
      HistoryEventType type,
      String scope,
      @Nullable StateDefinition state,
      @Nullable Duration took,
      @Nullable String detail,
      Map<String, JsonNode> assigned) {
    Instant now = clock.instant();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    synchronized (events) {
      events.add(
          new HistoryEvent(
              events.size() + 1,
              type,
              now,
              elapsed,
              scoped(scope),
              state == null ? null : state.name(),
              state == null ? null : state.typeName(),
              took,
              detail,
              assigned));
    }
  }

  List<HistoryEvent> snapshot() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
