package io.github.py2sfn.sample.local;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEvent;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first quick-start command ({@code ./sample-app/run-local.sh}): runs the sample
 * workflow locally against the emulator, prints a report, then runs it again with the feature flag
 * off and shows the execution ABORTED. Exits with 0 only when both runs end as expected.
 *
 * <p>Arguments: {@code --items N} (products, default 2000), {@code --large-every K} (one product in
 * K has a large description, default 400), {@code --large-kb S} (its size in KB, default 400: over
 * the 390,000-byte offload threshold), {@code --invalid-every M} (one product in M is rejected,
 * default 700), {@code --jsonata} (runs {@code catalog-pricing.jsonata.asl.json} instead of the
 * JSONPath definition).
 */
public final class LocalWorkflowDemo {

  private static final PrintStream out = System.out;

  /** Histories up to this many events are printed whole; longer ones per state. */
  private static final int SHORT_HISTORY = 40;

  private LocalWorkflowDemo() {}

  /** The command line: the catalog's sizes by option name, and the definition to run. */
  private record Options(Map<String, Integer> catalog, CatalogDefinition definition) {}

  /**
   * Runs the demo.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Options options = options(args);
    step("Starting the local AWS emulator (moto; installed into target/python-venv on first use)");
    AwsEmulator aws = AwsEmulators.shared();
    StateDataResources resources = aws.createStateDataResources();
    out.printf(
        "    endpoint %s, table %s, bucket %s%n",
        aws.endpoint(), resources.tableName(), resources.bucketName());

    step("Starting the application's task beans");
    boolean expected;
    try (CatalogWorkflow workflow = new CatalogWorkflow(aws, resources)) {
      CatalogDefinition definition = options.definition();
      step(
          "Run 1 of "
              + definition.resource()
              + ": feature flag on, "
              + options.catalog().get("items")
              + " products");
      ExecutionResult succeeded =
          runWithProgress(workflow, definition, input(options.catalog(), true));
      StoredItemsReport.print(out, aws, resources, succeeded.executionName() + ":products");
      report(succeeded);

      step("Run 2: feature flag off");
      ExecutionResult aborted =
          runWithProgress(workflow, definition, input(options.catalog(), false));
      report(aborted);
      expected =
          succeeded.status() == ExecutionStatus.SUCCEEDED
              && aborted.status() == ExecutionStatus.ABORTED;
    }
    out.println(
        expected ? "\nBoth runs ended as expected." : "\nUNEXPECTED: see the statuses above.");
    System.exit(expected ? 0 : 1);
  }

  private static ExecutionResult runWithProgress(
      CatalogWorkflow workflow, CatalogDefinition definition, String input) {
    long start = System.nanoTime();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(
        () ->
            out.printf(
                "    ... running, %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)),
        5,
        5,
        TimeUnit.SECONDS);
    try {
      return workflow.run(definition, input);
    } finally {
      ticker.shutdownNow();
    }
  }

  private static void report(ExecutionResult result) {
    out.printf(
        "%nExecution %s: %s in %d ms%n",
        result.executionName(), result.status(), result.duration().toMillis());
    if (result.error() != null || result.cause() != null) {
      out.printf("    error: %s%n    cause: %s%n", result.error(), result.cause());
    }
    if (result.history().size() <= SHORT_HISTORY) {
      out.println("\nHistory:");
      out.print(result.historyTable());
    } else {
      out.println("\nStates (Map iterations aggregated):");
      out.print(stateTimings(result));
    }
    if (result.output() != null) {
      out.println("\nOutput:");
      out.println(
          JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(result.output()));
    }
  }

  /** One line per state: how often it ran, its total and longest time, and how often it failed. */
  static String stateTimings(ExecutionResult result) {
    record Timing(String type, int runs, int failed, long totalMillis, long maxMillis) {}
    Map<String, Timing> timings = new LinkedHashMap<>();
    for (HistoryEvent event : result.history()) {
      boolean ended =
          event.type() == HistoryEventType.STATE_EXITED
              || event.type() == HistoryEventType.STATE_FAILED;
      if (!ended || event.stateName() == null || event.duration() == null) {
        continue;
      }
      long millis = event.duration().toMillis();
      timings.merge(
          event.stateName(),
          new Timing(
              event.stateType(),
              1,
              event.type() == HistoryEventType.STATE_FAILED ? 1 : 0,
              millis,
              millis),
          (a, b) ->
              new Timing(
                  a.type(),
                  a.runs() + b.runs(),
                  a.failed() + b.failed(),
                  a.totalMillis() + b.totalMillis(),
                  Math.max(a.maxMillis(), b.maxMillis())));
    }
    StringBuilder table = new StringBuilder();
    String format = "    %-18s %-6s %6s %7s %10s %8s%n";
    table.append(
        String.format(
            Locale.ROOT, format, "state", "type", "runs", "failed", "total ms", "max ms"));
    timings.forEach(
        (state, timing) ->
            table.append(
                String.format(
                    Locale.ROOT,
                    format,
                    state,
                    timing.type(),
                    timing.runs(),
                    timing.failed(),
                    timing.totalMillis(),
                    timing.maxMillis())));
    return table.toString();
  }

  private static String input(Map<String, Integer> options, boolean featureEnabled) {
    return """
        {"feature_enabled": %s, "product_count": %d, "large_every": %d, "large_description_kb": %d, "invalid_every": %d}"""
        .formatted(
            featureEnabled,
            options.get("items"),
            options.get("large-every"),
            options.get("large-kb"),
            options.get("invalid-every"));
  }

  private static Options options(String[] arguments) {
    // Maven's exec plugin hands the script's arguments over as one string.
    String joined = String.join(" ", arguments).trim();
    String[] args = joined.isEmpty() ? new String[0] : joined.split("\\s+");
    Map<String, Integer> options = new LinkedHashMap<>();
    options.put("items", 2000);
    options.put("large-every", 400);
    options.put("large-kb", 400);
    options.put("invalid-every", 700);
    CatalogDefinition definition = CatalogDefinition.JSONPATH;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jsonata")) {
        definition = CatalogDefinition.JSONATA;
        continue;
      }
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!options.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Unknown option '"
                + args[i]
                + "': use --items N, --large-every K, --large-kb S, --invalid-every M, --jsonata");
      }
      options.put(name, Integer.parseInt(args[++i]));
    }
    return new Options(options, definition);
  }

  private static void step(String message) {
    out.println("\n==> " + message);
  }
}
