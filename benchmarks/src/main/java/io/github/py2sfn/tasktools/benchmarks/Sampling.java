package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.LatencyEndpoint.Counts;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Measures the in-process workloads (W1–W4) at one added latency and adds their rows: warm-up
 * repetitions, then measured ones, the Java contenders alternating repetition by repetition so that
 * all see the same machine load (other processes share this machine); the median and spread of the
 * times, and, behind the proxy, the requests and new connections per run or call.
 */
final class Sampling {

  /**
   * One thing to time.
   *
   * @param name its name in the rows: a contender's, or what is timed alone
   */
  record Task(String name, Runnable body) {}

  /** What a task measured, one element per measured repetition. */
  record Samples(List<Double> seconds, List<Counts> counts) {

    double medianOf(ToLongFunction<Counts> figure) {
      return Stats.of(counts.stream().map(count -> (double) figure.applyAsLong(count)).toList())
          .median();
    }

    double meanOf(ToLongFunction<Counts> figure) {
      return (double) counts.stream().mapToLong(figure).sum() / counts.size();
    }
  }

  private final LatencyEndpoint endpoint;
  private final @Nullable PythonContender python;
  private final List<Row> rows;

  /**
   * @param python the Python original, null when it is not among the contenders
   * @param rows where the rows go
   */
  Sampling(LatencyEndpoint endpoint, @Nullable PythonContender python, List<Row> rows) {
    this.endpoint = endpoint;
    this.python = python;
    this.rows = rows;
  }

  double latencyMs() {
    return endpoint.latencyMs();
  }

  /** Whether a proxy counts the requests (the notes give its counts only then). */
  boolean proxied() {
    return endpoint.proxied();
  }

  /** Whole operations (unit {@code run}): the notes give the proxy's medians per run. */
  void runs(
      String workload,
      String variant,
      int items,
      int warmup,
      int runs,
      List<Contender> contenders,
      Function<Contender, Runnable> work) {
    Progress.log(
        workload + " " + variant + ": " + contenders.stream().map(Contender::name).toList());
    addRows(
        workload,
        variant,
        "run",
        items,
        measure(tasks(contenders, work), warmup, runs),
        this::perRun);
  }

  /** Single calls of one item (unit {@code call}): the notes give the proxy's means per call. */
  void calls(
      String workload,
      String variant,
      int warmup,
      int calls,
      List<Contender> contenders,
      Function<Contender, Runnable> work) {
    Progress.log(workload + ": " + calls + " calls each");
    addRows(
        workload,
        variant,
        "call",
        1,
        measure(tasks(contenders, work), warmup, calls),
        this::perCall);
  }

  private void addRows(
      String workload,
      String variant,
      String unit,
      int items,
      Map<String, Samples> measured,
      Function<Samples, Map<String, Object>> notes) {
    measured.forEach(
        (name, samples) ->
            add(
                new Row(
                    workload,
                    variant,
                    name,
                    latencyMs(),
                    unit,
                    items,
                    Stats.of(samples.seconds()),
                    notes.apply(samples))));
  }

  private Map<String, Object> perRun(Samples samples) {
    Map<String, Object> notes = new LinkedHashMap<>();
    if (proxied()) {
      notes.put("requestsPerRun", samples.medianOf(Counts::requests));
      notes.put("newConnectionsPerRun", samples.medianOf(Counts::connections));
      if (samples.medianOf(Counts::expectContinue) > 0) {
        notes.put("expect100PerRun", samples.medianOf(Counts::expectContinue));
      }
    }
    return notes;
  }

  private Map<String, Object> perCall(Samples samples) {
    Map<String, Object> notes = new LinkedHashMap<>();
    if (proxied()) {
      notes.put("requestsPerCall", samples.meanOf(Counts::requests));
      notes.put("newConnectionsPerCall", samples.meanOf(Counts::connections));
    }
    return notes;
  }

  /**
   * Times the tasks in turn, {@code warmup + repetitions} times each.
   *
   * @return per task name, the measured repetitions
   */
  Map<String, Samples> measure(List<Task> tasks, int warmup, int repetitions) {
    Map<String, Samples> measured = new LinkedHashMap<>();
    for (Task task : tasks) {
      measured.put(task.name(), new Samples(new ArrayList<>(), new ArrayList<>()));
    }
    for (int repetition = 0; repetition < warmup + repetitions; repetition++) {
      for (Task task : tasks) {
        Counts before = endpoint.counts();
        long start = System.nanoTime();
        task.body().run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Counts seen = endpoint.counts().since(before);
        if (repetition >= warmup) {
          measured.get(task.name()).seconds().add(seconds);
          measured.get(task.name()).counts().add(seen);
        }
      }
    }
    return measured;
  }

  private static List<Task> tasks(List<Contender> contenders, Function<Contender, Runnable> work) {
    return contenders.stream()
        .map(contender -> new Task(contender.name(), work.apply(contender)))
        .toList();
  }

  /**
   * Times a job of the Python original, unless it is not among the contenders. Its process counts
   * as a whole, so the notes give the proxy's means over all its runs or calls, warm-up included.
   */
  void python(String workload, String variant, int items, String table, PythonOriginal.Job job) {
    if (python == null) {
      return;
    }
    Progress.log(
        workload
            + " "
            + variant
            + ": "
            + Contender.PYTHON
            + " ("
            + (job.warmup() + job.runs())
            + " "
            + job.op()
            + ")");
    Counts before = endpoint.counts();
    PythonOriginal.Timing timing = python.time(table, job);
    Counts seen = endpoint.counts().since(before);
    boolean wholeRuns = job.op().endsWith("items");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("pythonImportSeconds", timing.importSeconds());
    if (proxied()) {
      int samples = job.warmup() + job.runs();
      String per = wholeRuns ? "Run" : "Call";
      extra.put("requestsPer" + per, (double) seen.requests() / samples);
      extra.put("newConnectionsPer" + per, (double) seen.connections() / samples);
      if (seen.expectContinue() > 0) {
        extra.put("expect100Per" + per, (double) seen.expectContinue() / samples);
      }
    }
    add(
        new Row(
            workload,
            variant,
            Contender.PYTHON,
            latencyMs(),
            wholeRuns ? "run" : "call",
            items,
            Stats.of(timing.seconds()),
            extra));
  }

  /** The rows of a workload at this latency, in the order they were added. */
  List<Row> rows(String workload) {
    return rows.stream()
        .filter(row -> row.workload().equals(workload) && row.latencyMs() == latencyMs())
        .toList();
  }

  /** Adds a row and logs it. */
  void add(Row row) {
    rows.add(row);
    Progress.log(
        String.format(
            "  %-16s %-14s %-16s latency %4.1f ms: median %9.2f ms [%8.2f .. %8.2f] %s",
            row.workload(),
            row.variant(),
            row.contender(),
            row.latencyMs(),
            row.seconds().median() * 1000,
            row.seconds().min() * 1000,
            row.seconds().max() * 1000,
            row.extra().isEmpty() ? "" : row.extra()));
  }
}
