package io.github.py2sfn.sample.local;

import io.github.py2sfn.sample.catalog.CallbackSent;
import io.github.py2sfn.sample.catalog.CatalogTasks;
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
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first quick-start command ({@code ./sample-app/run-local.sh}): runs the sample
 * workflow locally against the emulator, its approval step answered by a reviewer through the
 * {@code approvePricing} function (SendTaskHeartbeat, then SendTaskSuccess), and prints a report;
 * then runs it again with the feature flag off and shows the execution ABORTED; then prices a small
 * catalog whose pricing the reviewer rejects (SendTaskFailure) and shows the execution FAILED.
 * Exits with 0 only when all three runs end as expected.
 *
 * <p>Arguments: {@code --items N} (products, default 2000), {@code --large-every K} (one product in
 * K has a large description, default 400), {@code --large-kb S} (its size in KB, default 400: over
 * the 390,000-byte offload threshold), {@code --invalid-every M} (one product in M is rejected,
 * default 700), {@code --jsonata} (runs {@code catalog-pricing.jsonata.asl.json} instead of the
 * JSONPath definition), {@code --distributed} (runs {@code catalog-pricing-distributed.asl.json}:
 * the same catalog priced by a Distributed Map, in batches of 100 products per child execution).
 */
public final class LocalWorkflowDemo {

  private static final PrintStream out = System.out;

  /** Histories up to this many events are printed whole; longer ones per state. */
  private static final int SHORT_HISTORY = 40;

  /** Who answers the approval steps of the demo's runs. */
  private static final String REVIEWER = "pricing-manager";

  /** The catalog of the run whose pricing the reviewer rejects: small, it is about the approval. */
  private static final Map<String, Integer> REJECTED_CATALOG =
      Map.of("items", 20, "large-every", 0, "large-kb", 0, "invalid-every", 0);

  /** A Distributed Map child execution's ITERATION_STARTED event names its ARN. */
  private static final String CHILD_EXECUTION = "execution: ";

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
              + " products, approved by "
              + REVIEWER);
      ReviewedRun succeeded =
          runWithProgress(
              workflow, definition, input(options.catalog(), true), Review.approves(REVIEWER));
      StoredItemsReport.print(
          out, aws, resources, succeeded.result().executionName() + ":products");
      report(succeeded);

      step("Run 2: feature flag off");
      ReviewedRun aborted =
          runWithProgress(
              workflow, definition, input(options.catalog(), false), Review.approves(REVIEWER));
      report(aborted);

      step("Run 3: " + REJECTED_CATALOG.get("items") + " products, rejected by " + REVIEWER);
      ReviewedRun rejected =
          runWithProgress(
              workflow,
              definition,
              input(REJECTED_CATALOG, true),
              Review.rejects(REVIEWER, "prices need another look"));
      report(rejected);
      expected =
          succeeded.result().status() == ExecutionStatus.SUCCEEDED
              && aborted.result().status() == ExecutionStatus.ABORTED
              && rejected.result().status() == ExecutionStatus.FAILED
              && CatalogTasks.PRICING_REJECTED.equals(rejected.result().error());
    }
    out.println(
        expected ? "\nAll three runs ended as expected." : "\nUNEXPECTED: see the statuses above.");
    System.exit(expected ? 0 : 1);
  }

  private static ReviewedRun runWithProgress(
      CatalogWorkflow workflow, CatalogDefinition definition, String input, Review review) {
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
      return workflow.run(definition, input, review);
    } finally {
      ticker.shutdownNow();
    }
  }

  private static void report(ReviewedRun run) {
    ExecutionResult result = run.result();
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
    distributedMapReport(result);
    approvalReport(run);
    if (result.output() != null) {
      out.println("\nOutput:");
      out.println(
          JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(result.output()));
    }
  }

  /** The Distributed Map's child executions, one per batch, and the iterations inside them. */
  private static void distributedMapReport(ExecutionResult result) {
    Map<String, Long> itemsPerChild = new LinkedHashMap<>();
    String firstChild = null;
    for (HistoryEvent event : result.history()) {
      if (event.type() != HistoryEventType.ITERATION_STARTED) {
        continue;
      }
      String scope = event.scope();
      if (event.detail() != null && event.detail().startsWith(CHILD_EXECUTION)) {
        itemsPerChild.putIfAbsent(scope, 0L);
        if (firstChild == null) {
          firstChild = event.detail().substring(CHILD_EXECUTION.length());
        }
      } else if (scope.contains("/") && itemsPerChild.containsKey(scope.split("/")[0])) {
        itemsPerChild.merge(scope.split("/")[0], 1L, Long::sum);
      }
    }
    if (itemsPerChild.isEmpty()) {
      return;
    }
    LongSummaryStatistics perChild =
        itemsPerChild.values().stream().mapToLong(Long::longValue).summaryStatistics();
    out.printf(
        Locale.ROOT,
        "%nDistributed Map (ItemReader JSONL, ItemBatcher): %d child executions,"
            + " %d products priced in them (%d to %d per batch)%n    first child: %s%n",
        itemsPerChild.size(),
        perChild.getSum(),
        perChild.getMin(),
        perChild.getMax(),
        firstChild);
  }

  /** Who answered the approval step, and with which callback. */
  private static void approvalReport(ReviewedRun run) {
    if (run.callbacks().isEmpty()) {
      return;
    }
    out.println(
        "\nApproval (AwaitApproval, lambda:invoke.waitForTaskToken, answered by approvePricing):");
    for (CallbackSent callback : run.callbacks()) {
      out.printf("    %s: %s%n", REVIEWER, callback.callback());
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
      if (args[i].equals("--jsonata") || args[i].equals("--distributed")) {
        if (definition != CatalogDefinition.JSONPATH) {
          throw new IllegalArgumentException("Choose one of --jsonata and --distributed");
        }
        definition =
            args[i].equals("--jsonata") ? CatalogDefinition.JSONATA : CatalogDefinition.DISTRIBUTED;
        continue;
      }
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!options.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Unknown option '"
                + args[i]
                + "': use --items N, --large-every K, --large-kb S, --invalid-every M,"
                + " --jsonata or --distributed");
      }
      options.put(name, Integer.parseInt(args[++i]));
    }
    return new Options(options, definition);
  }

  private static void step(String message) {
    out.println("\n==> " + message);
  }
}
