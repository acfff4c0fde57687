package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.localrunner.StateMachineRunnerException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Wait states, and the waiting of Retry intervals. */
final class WaitStep {

  /** How often a long wait checks for a stop or the execution timeout. */
  private static final Duration STOP_POLL = Duration.ofSeconds(1);

  private WaitStep() {}

  static StateOutcome run(StateDefinition.WaitState state, StateVisit visit) {
    ObjectNode context = visit.context(0);
    VariableScope variables = visit.variables();
    if (state.jsonata() != null) {
      JsonataTemplate.States states = visit.states(context, null, null);
      sleep(jsonataSeconds(state, states, visit.run()), visit);
      return new StateOutcome(
          JsonataDataFlow.output(state.jsonata().output(), "Output", states, visit.input()),
          state.next(),
          Assignments.jsonata(state.assign(), states));
    }
    JsonNode effective =
        JsonPathDataFlow.inputPath(state.paths(), visit.input(), context, variables);
    sleep(seconds(state, new Bindings(effective, context, variables), visit.run()), visit);
    return new StateOutcome(
        JsonPathDataFlow.outputPath(state.paths(), effective, context, variables),
        state.next(),
        Assignments.jsonPath(state.assign(), effective, context, variables));
  }

  /**
   * Records the wait and sleeps for it, unless the settings skip waits. The sleep is sliced so that
   * a stop, the execution timeout or a failed sibling iteration or branch ends a long wait.
   */
  static void sleep(double seconds, StateVisit visit) {
    RunState run = visit.run();
    boolean skip = run.settings().skipWaits();
    visit.record(HistoryEventType.WAITED, (skip ? "skipped " : "") + seconds + " s");
    if (skip || seconds <= 0) {
      return;
    }
    long end = System.nanoTime() + (long) (seconds * 1e9);
    try {
      for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
        Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, STOP_POLL.toMillis()));
        run.checkStop();
        run.checkDeadline();
        visit.cancellation().throwIfCancelled();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateMachineRunnerException(
          "Interrupted in state '" + visit.state().name() + "'", e);
    }
  }

  private static double jsonataSeconds(
      StateDefinition.WaitState state, JsonataTemplate.States states, RunState run) {
    if (state.duration() instanceof WaitDuration.SecondsExpression) {
      return JsonataDataFlow.integer(state.jsonata(), "Seconds", states, 0);
    }
    String text = JsonataDataFlow.text(state.jsonata(), "Timestamp", states);
    Instant until = Timestamps.parse(text);
    if (until == null) {
      throw new StateFailure(
          JsonataTemplate.QUERY_EVALUATION_ERROR,
          "The expression of field Timestamp returned '" + text + "', not an RFC 3339 timestamp");
    }
    return secondsUntil(until, run);
  }

  private static double seconds(StateDefinition.WaitState state, Bindings bindings, RunState run) {
    WaitDuration duration = state.duration();
    if (duration instanceof WaitDuration.Seconds seconds) {
      return seconds.seconds();
    }
    if (duration instanceof WaitDuration.SecondsPath secondsPath) {
      // Wait state: SecondsPath is "a path in the states input data to an integer value".
      JsonNode seconds = secondsPath.path().read(bindings, "SecondsPath");
      if (!seconds.isNumber()
          || seconds.asDouble() != Math.rint(seconds.asDouble())
          || seconds.asDouble() < 0) {
        throw StateFailure.runtime(
            "State '" + state.name() + "' field SecondsPath: not a non-negative integer");
      }
      return seconds.asDouble();
    }
    if (duration instanceof WaitDuration.Timestamp timestamp) {
      return secondsUntil(timestamp.until(), run);
    }
    String text =
        JsonPathDataFlow.requireText(
            ((WaitDuration.TimestampPath) duration).path().read(bindings, "TimestampPath"),
            state.name(),
            "TimestampPath");
    Instant until = Timestamps.parse(text);
    if (until == null) {
      throw StateFailure.runtime(
          "State '" + state.name() + "' field TimestampPath: not an RFC 3339 timestamp");
    }
    return secondsUntil(until, run);
  }

  /**
   * Wait state: "if you specify the wait time as a timestamp, Step Functions considers the time
   * value up to seconds and truncates milliseconds".
   */
  private static double secondsUntil(Instant until, RunState run) {
    Instant truncated = until.truncatedTo(ChronoUnit.SECONDS);
    return Math.max(0, Duration.between(run.now(), truncated).toMillis() / 1000.0);
  }
}
