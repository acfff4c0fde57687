package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A failing Parallel branch or Map iteration stops its siblings. Parallel state, Error handling:
 * "If any branch fails, because of an unhandled error or by transitioning to a Fail state, the
 * entire Parallel state is considered to have failed and all its branches are stopped. If the error
 * is not handled by the Parallel state itself, Step Functions stops the execution with an error",
 * and "When a parallel state fails, invoked Lambda functions continue to run"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html). Map state: "If any
 * iteration fails, entire Map state fails, and all iterations are terminated" (the guide's Map
 * state page,
 * https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-map-state.html).
 */
class FanOutFailureTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static String lambda(String function) {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
  }

  @Test
  void aFailingBranchStopsItsSiblingBeforeItsNextTaskAndTheParallelCatchHandlesTheFailure() {
    List<String> invoked = new CopyOnWriteArrayList<>();
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch failing = new CountDownLatch(1);
    String definition =
        """
        {"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Next": "Done",
            "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.error", "Next": "Handled"}],
            "Branches": [
              {"StartAt": "Fails", "States": {
                "Fails": {"Type": "Task", "Resource": "%s", "End": true}}},
              {"StartAt": "Slow", "States": {
                "Slow": {"Type": "Task", "Resource": "%s", "Next": "After"},
                "After": {"Type": "Task", "Resource": "%s", "End": true}}}]},
          "Handled": {"Type": "Pass", "End": true},
          "Done": {"Type": "Pass", "End": true}}}"""
            .formatted(lambda("fails"), lambda("slow"), lambda("after"));
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .taskInvoker(
                request -> {
                  invoked.add(request.functionName());
                  try {
                    switch (request.functionName()) {
                      case "fails" -> {
                        // Fails while Slow is in flight.
                        slowStarted.await(10, TimeUnit.SECONDS);
                        failing.countDown();
                        throw new TaskFailedException("Boom", "the first failure");
                      }
                      case "slow" -> {
                        slowStarted.countDown();
                        failing.await(10, TimeUnit.SECONDS);
                        // Returns well after its sibling failed (which takes microseconds).
                        Thread.sleep(300);
                        return NODES.stringNode("late");
                      }
                      default -> {
                        return NODES.stringNode("should not run");
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                })
            .build()
            .run("{}");

    // The Parallel state failed with the first failure, which its Catch handled.
    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("error").get("Error").asString()).isEqualTo("Boom");
    assertThat(result.output().get("error").get("Cause").asString()).isEqualTo("the first failure");
    // The in-flight Task finished; the state after it never started.
    assertThat(invoked).containsExactlyInAnyOrder("fails", "slow");
    List<HistoryEvent> history = result.history();
    int failed = indexOf(history, HistoryEventType.STATE_FAILED, "Both[0]", "Fails");
    assertThat(history.subList(failed, history.size()))
        .noneMatch(
            event ->
                event.type() == HistoryEventType.STATE_ENTERED && event.scope().equals("Both[1]"))
        .anyMatch(
            event ->
                event.type() == HistoryEventType.ITERATION_ABORTED
                    && event.scope().equals("Both[1]"));
    assertThat(indexOf(history, HistoryEventType.ERROR_CAUGHT, "", "Both")).isGreaterThan(failed);
  }

  @Test
  void aFailingIterationStartsNoFurtherIteration() {
    List<Integer> invoked = new CopyOnWriteArrayList<>();
    String definition =
        """
        {"StartAt": "Each", "States": {
          "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
            "ItemProcessor": {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "End": true}}}}}}"""
            .formatted(lambda("work"));
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .taskInvoker(
                request -> {
                  invoked.add(request.payload().asInt());
                  if (request.payload().asInt() == 2) {
                    throw new TaskFailedException("Rejected", "item 2");
                  }
                  return request.payload();
                })
            .build()
            .run("[1, 2, 3, 4]");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Rejected");
    assertThat(invoked).containsExactly(1, 2);
    assertThat(result.history())
        .filteredOn(event -> event.type() == HistoryEventType.ITERATION_STARTED)
        .extracting(HistoryEvent::scope)
        .containsExactly("Each[0]", "Each[1]");
  }

  @Test
  void aSiblingWaitingOrBetweenRetriesStopsWithoutWaitingItOut() {
    List<String> invoked = new CopyOnWriteArrayList<>();
    String definition =
        """
        {"StartAt": "All", "States": {
          "All": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Fails", "States": {
              "Fails": {"Type": "Task", "Resource": "%1$s", "End": true}}},
            {"StartAt": "Sleep", "States": {
              "Sleep": {"Type": "Wait", "Seconds": 60, "Next": "AfterSleep"},
              "AfterSleep": {"Type": "Task", "Resource": "%2$s", "End": true}}},
            {"StartAt": "Flaky", "States": {
              "Flaky": {"Type": "Task", "Resource": "%3$s", "End": true,
                "Retry": [{"ErrorEquals": ["Flake"], "IntervalSeconds": 60}]}}}]}}}"""
            .formatted(lambda("fails"), lambda("after-sleep"), lambda("flaky"));
    ExecutionResult result =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .taskInvoker(
                request -> {
                  invoked.add(request.functionName());
                  switch (request.functionName()) {
                    case "fails" -> {
                      // Fails once the others are waiting.
                      sleep(200);
                      throw new TaskFailedException("Boom", null);
                    }
                    case "flaky" -> throw new TaskFailedException("Flake", null);
                    default -> {
                      return NODES.nullNode();
                    }
                  }
                })
            .build()
            .run("{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Boom");
    // Neither the 60-second wait nor the 60-second retry interval ran out, and nothing after
    // them ran: the Wait checks every second.
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    assertThat(invoked).containsExactlyInAnyOrder("fails", "flaky");
  }

  private static int indexOf(
      List<HistoryEvent> history, HistoryEventType type, String scope, String state) {
    for (int i = 0; i < history.size(); i++) {
      HistoryEvent event = history.get(i);
      if (event.type() == type && event.scope().equals(scope) && state.equals(event.stateName())) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " of " + scope + "/" + state);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
