package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Sampling.Samples;
import io.github.py2sfn.tasktools.benchmarks.Sampling.Task;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import io.github.py2sfn.tasktools.localrunner.TaskInvoker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * W7: the local runner's own overhead, in process: no Spring, no emulator, no mirror, waits
 * skipped, and Task functions that return their payload. Two cases per query language (JSONPath,
 * JSONata), each with warm-up runs first ({@code --runner-warmup}, {@code --runner-runs}):
 *
 * <ul>
 *   <li>{@code W7 transition}: a loop of {@code --runner-rounds} rounds of Task, Pass and Choice
 *       (resources {@code w7/loop-*.asl.json}); a sample is one run's wall time divided by its
 *       state transitions, the states it entered (its history's {@code STATE_ENTERED} events);
 *   <li>{@code W7 inline Map}: an inline Map over {@code --map-items} items whose iteration is one
 *       Task, default {@code MaxConcurrency} (resources {@code w7/map-*.asl.json}); a sample is one
 *       run's wall time.
 * </ul>
 */
final class RunnerWorkload {

  /** The runner's rows' contender. */
  static final String CONTENDER = "local-runner";

  /** The loop's rows: milliseconds per state transition. */
  static final String TRANSITION_WORKLOAD = "W7 transition";

  /** The Map's rows: milliseconds per run. */
  static final String MAP_WORKLOAD = "W7 inline Map";

  /** The target: at most this many milliseconds per state transition (median). */
  static final double TRANSITION_TARGET_MS = 0.2;

  /** The target for the Map: over this many items, ... */
  static final int MAP_TARGET_ITEMS = 10_000;

  /** ... at most this many seconds per run (median). */
  static final double MAP_TARGET_SECONDS = 5;

  private static final TaskInvoker NO_OP = request -> request.payload();

  private static final List<String> LANGUAGES = List.of("JSONPath", "JSONata");

  private final Options options;

  RunnerWorkload(Options options) {
    this.options = options;
  }

  void run(Sampling sampling) {
    for (String language : LANGUAGES) {
      transitions(sampling, language);
    }
    for (String language : LANGUAGES) {
      inlineMap(sampling, language);
    }
  }

  private void transitions(Sampling sampling, String language) {
    LocalStateMachineRunner runner = runner("w7/loop-" + lower(language) + ".asl.json");
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("i", 0);
    input.put("n", options.runnerRounds());
    AtomicInteger transitions = new AtomicInteger();
    Task loop =
        new Task(
            CONTENDER,
            () -> {
              int counted = transitionsOf(runner.run(input));
              int before = transitions.getAndSet(counted);
              if (before != 0 && before != counted) {
                throw new IllegalStateException(
                    "W7 loop: " + counted + " state transitions, " + before + " before");
              }
            });
    Progress.log("W7 transitions " + language + ": " + options.runnerRounds() + " rounds");
    double firstRun = firstRun(sampling, loop);
    Samples samples =
        sampling
            .measure(List.of(loop), options.runnerWarmup(), options.runnerRuns())
            .get(CONTENDER);
    int perRun = transitions.get();
    Stats perTransition =
        Stats.of(samples.seconds().stream().map(seconds -> seconds / perRun).toList());
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("p95Ms", Report.ms(perTransition.p95()));
    notes.put("target", "<=" + Report.fmt(TRANSITION_TARGET_MS) + "ms");
    notes.put("transitionsPerRun", perRun);
    notes.put("runMs", Report.ms(Stats.of(samples.seconds()).median()));
    notes.put("firstRunMs", Report.ms(firstRun));
    sampling.add(
        new Row(
            TRANSITION_WORKLOAD,
            language + " " + perRun + " states",
            CONTENDER,
            sampling.latencyMs(),
            "transition",
            1,
            perTransition,
            notes));
  }

  private void inlineMap(Sampling sampling, String language) {
    LocalStateMachineRunner runner = runner("w7/map-" + lower(language) + ".asl.json");
    int count = options.mapItems();
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    ArrayNode items = input.putArray("items");
    for (int i = 0; i < count; i++) {
      items.addObject().put("id", i);
    }
    Task map =
        new Task(
            CONTENDER,
            () -> {
              JsonNode output = succeeded(runner.run(input));
              if (output.size() != count) {
                throw new IllegalStateException(
                    "W7 inline Map: " + output.size() + " results for " + count + " items");
              }
            });
    Progress.log("W7 inline Map " + language + ": " + count + " items");
    double firstRun = firstRun(sampling, map);
    Samples samples =
        sampling.measure(List.of(map), options.runnerWarmup(), options.runnerRuns()).get(CONTENDER);
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("p95Ms", Report.ms(Stats.of(samples.seconds()).p95()));
    if (count == MAP_TARGET_ITEMS) {
      notes.put("target", "<=" + Report.fmt(MAP_TARGET_SECONDS) + "s");
    }
    notes.put("firstRunMs", Report.ms(firstRun));
    sampling.add(
        new Row(
            MAP_WORKLOAD,
            language + " " + count + " items",
            CONTENDER,
            sampling.latencyMs(),
            "run",
            count,
            Stats.of(samples.seconds()),
            notes));
  }

  /**
   * Times a case's first run, before its warm-up: what a test that runs the definition once pays
   * while the JIT has not compiled this path yet.
   */
  private static double firstRun(Sampling sampling, Task task) {
    return sampling.measure(List.of(task), 0, 1).get(task.name()).seconds().get(0);
  }

  private static LocalStateMachineRunner runner(String definition) {
    return LocalStateMachineRunner.builder()
        .definitionResource(definition)
        .taskInvoker(NO_OP)
        .skipWaits(true)
        .build();
  }

  /** The state transitions of a run: every state entered, in Map iterations too. */
  private static int transitionsOf(ExecutionResult result) {
    succeeded(result);
    return (int)
        result.history().stream()
            .filter(event -> event.type() == HistoryEventType.STATE_ENTERED)
            .count();
  }

  private static JsonNode succeeded(ExecutionResult result) {
    if (result.status() != ExecutionStatus.SUCCEEDED || result.output() == null) {
      throw new IllegalStateException(
          "W7 run " + result.status() + ": " + result.error() + " " + result.cause());
    }
    return result.output();
  }

  private static String lower(String language) {
    return language.toLowerCase(Locale.ROOT);
  }
}
