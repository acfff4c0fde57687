package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the work of a Task, Map or Parallel state under its {@code Retry} and {@code Catch}, then
 * shapes the result ({@code ResultSelector}, {@code ResultPath}, {@code OutputPath}).
 */
final class RetryAndCatch {

  /** One attempt at a state's work, given the context object of that attempt. */
  @FunctionalInterface
  interface Work {
    JsonNode attempt(ObjectNode context);
  }

  private RetryAndCatch() {}

  static StateOutcome run(StateDefinition.RetryableState state, StateVisit visit, Work work) {
    List<StateDefinition.Retrier> retriers = state.errors().retriers();
    List<StateDefinition.Catcher> catchers = state.errors().catchers();
    int[] attempts = new int[retriers.size()];
    int retryCount = 0;
    while (true) {
      ObjectNode context = visit.context(retryCount);
      try {
        JsonNode result = work.attempt(context);
        // A Task's result, a Map's or Parallel's array of results (States.ALL does not match).
        DataLimits.checkPayload(
            visit.run().settings().enforcePayloadQuota(), result, state.name(), "result");
        StateDefinition.JsonataFields jsonata = state.jsonata();
        VariableScope variables = visit.variables();
        if (jsonata != null) {
          // Inside the try: a failing Output or Assign is retried and caught as on AWS.
          JsonataTemplate.States states = visit.states(context, result, null);
          return new StateOutcome(
              JsonataDataFlow.output(jsonata.output(), "Output", states, result),
              state.next(),
              Assignments.jsonata(state.assign(), states));
        }
        // A JSONPath Assign reads the raw result, before ResultSelector.
        Map<String, JsonNode> assigned =
            Assignments.jsonPath(state.assign(), result, context, variables);
        JsonNode selected =
            JsonPathDataFlow.resultSelector(
                state.result().resultSelector(), result, context, variables);
        JsonNode placed =
            JsonPathDataFlow.resultPath(
                state.result().resultPath(),
                visit.input(),
                selected,
                "State '" + state.name() + "' field ResultPath");
        return new StateOutcome(
            JsonPathDataFlow.outputPath(state.paths(), placed, context, variables),
            state.next(),
            assigned);
      } catch (StateFailure failure) {
        // AWS never retries or catches States.Runtime.
        if (StateFailure.RUNTIME.equals(failure.error())) {
          throw failure;
        }
        int index =
            matching(
                retriers.stream().map(StateDefinition.Retrier::errorEquals).toList(),
                failure.error());
        if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
          double delay = delaySeconds(retriers.get(index), attempts[index]);
          attempts[index]++;
          retryCount++;
          visit.record(
              HistoryEventType.RETRY_SCHEDULED,
              "attempt " + (retryCount + 1) + " after " + failure.error());
          WaitStep.sleep(delay, visit);
          visit.run().checkStop();
          visit.cancellation().throwIfCancelled();
          continue;
        }
        int catcherIndex =
            matching(
                catchers.stream().map(StateDefinition.Catcher::errorEquals).toList(),
                failure.error());
        if (catcherIndex < 0) {
          throw failure;
        }
        StateDefinition.Catcher catcher = catchers.get(catcherIndex);
        ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
        errorOutput.put("Error", failure.error());
        errorOutput.put("Cause", failure.failureCause());
        visit.record(HistoryEventType.ERROR_CAUGHT, failure.error() + " -> " + catcher.next());
        // A catcher's Assign writes the scope the state is in, around a Map or Parallel.
        if (state.jsonata() != null) {
          JsonataTemplate.States states = visit.states(context, null, errorOutput);
          return new StateOutcome(
              JsonataDataFlow.output(
                  catcher.output(), "Catch[" + catcherIndex + "].Output", states, errorOutput),
              catcher.next(),
              Assignments.jsonata(catcher.assign(), states));
        }
        return new StateOutcome(
            JsonPathDataFlow.resultPath(
                catcher.resultPath(),
                visit.input(),
                errorOutput,
                "State '" + state.name() + "' field Catch[" + catcherIndex + "].ResultPath"),
            catcher.next(),
            Assignments.jsonPath(catcher.assign(), errorOutput, context, visit.variables()));
      }
    }
  }

  /** The wait before retry {@code attempt + 1} of one retrier (attempt counts from 0). */
  private static double delaySeconds(StateDefinition.Retrier retrier, int attempt) {
    double delay = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
    if (retrier.maxDelaySeconds() != null) {
      delay = Math.min(delay, retrier.maxDelaySeconds());
    }
    if (retrier.fullJitter()) {
      delay = ThreadLocalRandom.current().nextDouble() * delay;
    }
    return delay;
  }

  /**
   * Index of the first entry whose ErrorEquals matches, or -1. {@code States.DataLimitExceeded} is
   * terminal: the wildcards do not match it (concepts-error-handling.html, Error names).
   */
  static int matching(List<List<String>> errorEquals, @Nullable String error) {
    boolean terminal = DataLimits.DATA_LIMIT_EXCEEDED.equals(error);
    for (int i = 0; i < errorEquals.size(); i++) {
      for (String name : errorEquals.get(i)) {
        if (name.equals(error)
            || (!terminal && name.equals("States.ALL"))
            || (!terminal && name.equals("States.TaskFailed") && !"States.Timeout".equals(error))) {
          return i;
        }
      }
    }
    return -1;
  }
}
