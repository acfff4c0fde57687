package io.github.py2sfn.tasktools.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;

/** The results table, the target checks, and the JSON/CSV files. */
final class Report {

  /** One checked target of the issue. */
  record Target(
      String target,
      String scope,
      double measured,
      double limit,
      String comparison,
      boolean pass,
      String detail) {}

  private final Options options;
  private final Map<String, Object> machine;
  private final List<Row> rows;
  private final List<Target> targets = new ArrayList<>();

  Report(Options options, Map<String, Object> machine, List<Row> rows) {
    this.options = options;
    this.machine = machine;
    this.rows = rows;
    checkTargets();
  }

  // ---------------------------------------------------------------- targets

  private Optional<Row> find(String workload, String variant, String contender, double latency) {
    return rows.stream()
        .filter(
            row ->
                row.workload().equals(workload)
                    && row.variant().equals(variant)
                    && row.contender().equals(contender)
                    && row.latencyMs() == latency)
        .findFirst();
  }

  private void checkTargets() {
    for (Row row : rows) {
      if (!row.contender().equals(Contender.LIBRARY)) {
        continue;
      }
      boolean throughput =
          row.workload().startsWith("W1")
              || row.workload().startsWith("W2")
              || row.workload().startsWith("W3");
      String scope = row.workload() + " " + row.variant() + " @" + fmt(row.latencyMs()) + "ms";
      if (throughput && row.latencyMs() > 0) {
        find(row.workload(), row.variant(), Contender.PYTHON, row.latencyMs())
            .ifPresent(
                python -> {
                  double ratio = python.seconds().median() / row.seconds().median();
                  targets.add(
                      new Target(
                          "W1-3 library >= 5x Python throughput",
                          scope,
                          ratio,
                          5,
                          ">=",
                          ratio >= 5,
                          String.format(
                              Locale.ROOT,
                              "library %.1f ms, python %.1f ms",
                              row.seconds().median() * 1e3,
                              python.seconds().median() * 1e3)));
                });
        find(row.workload(), row.variant(), Contender.BARE_SDK, row.latencyMs())
            .ifPresent(
                sdk -> {
                  double ratio = sdk.seconds().median() / row.seconds().median();
                  targets.add(
                      new Target(
                          "W1-3 library >= 0.85x bare-SDK throughput",
                          scope,
                          ratio,
                          0.85,
                          ">=",
                          ratio >= 0.85,
                          String.format(
                              Locale.ROOT,
                              "library %.1f ms, bare SDK %.1f ms",
                              row.seconds().median() * 1e3,
                              sdk.seconds().median() * 1e3)));
                });
      }
      if (row.workload().startsWith("W4")) {
        find(row.workload(), row.variant(), Contender.BARE_SDK, row.latencyMs())
            .ifPresent(
                sdk -> {
                  double ratio = row.seconds().median() / sdk.seconds().median();
                  targets.add(
                      new Target(
                          "W4 library per-call latency within 10% of bare SDK",
                          scope,
                          ratio,
                          1.10,
                          "<=",
                          ratio <= 1.10,
                          String.format(
                              Locale.ROOT,
                              "library %.3f ms, bare SDK %.3f ms",
                              row.seconds().median() * 1e3,
                              sdk.seconds().median() * 1e3)));
                });
      }
    }
    for (Row row : rows) {
      if (row.workload().startsWith("W5") && row.contender().startsWith("starter")) {
        find(row.workload(), row.variant(), "bare", row.latencyMs())
            .ifPresent(
                bare -> {
                  double added = (row.seconds().median() - bare.seconds().median()) * 1e3;
                  targets.add(
                      new Target(
                          "W5 starter adds <= 150 ms to the bare app's first response",
                          row.contender()
                              + " "
                              + row.variant()
                              + " @"
                              + fmt(row.latencyMs())
                              + "ms",
                          added,
                          150,
                          "<=",
                          added <= 150,
                          String.format(
                              Locale.ROOT,
                              "%s %.0f ms, bare %.0f ms",
                              row.contender(),
                              row.seconds().median() * 1e3,
                              bare.seconds().median() * 1e3)));
                });
      }
      if (row.workload().equals(RunnerWorkload.TRANSITION_WORKLOAD)) {
        // In microseconds: the two decimals of the target lines would round the figure to 0.
        double medianMicros = row.seconds().median() * 1e6;
        double limitMicros = RunnerWorkload.TRANSITION_TARGET_MS * 1e3;
        targets.add(
            new Target(
                "W7 runner us per state transition <= "
                    + fmt(limitMicros)
                    + " ("
                    + fmt(RunnerWorkload.TRANSITION_TARGET_MS)
                    + " ms)",
                row.variant(),
                medianMicros,
                limitMicros,
                "<=",
                medianMicros <= limitMicros,
                "median "
                    + ms(row.seconds().median())
                    + " ms, p95 "
                    + ms(row.seconds().p95())
                    + " ms per transition"));
      }
      if (row.workload().equals(RunnerWorkload.MAP_WORKLOAD)
          && row.items() == RunnerWorkload.MAP_TARGET_ITEMS) {
        double median = row.seconds().median();
        targets.add(
            new Target(
                "W7 runner inline Map of "
                    + RunnerWorkload.MAP_TARGET_ITEMS
                    + " no-op items <= "
                    + fmt(RunnerWorkload.MAP_TARGET_SECONDS)
                    + " s",
                row.variant(),
                median,
                RunnerWorkload.MAP_TARGET_SECONDS,
                "<=",
                median <= RunnerWorkload.MAP_TARGET_SECONDS,
                "median " + ms(median) + " ms, p95 " + ms(row.seconds().p95()) + " ms per run"));
      }
      if (row.workload().startsWith("W6")) {
        boolean ok = Boolean.TRUE.equals(row.extra().get("completed"));
        targets.add(
            new Target(
                "W6 W3 with " + options.memoryHeap() + " heap completes without OOM",
                row.contender() + " @" + fmt(row.latencyMs()) + "ms",
                ok ? 1 : 0,
                1,
                "==",
                ok,
                String.valueOf(row.extra())));
      }
    }
  }

  // ---------------------------------------------------------------- table

  void print(PrintStream out) {
    out.println();
    out.println("py2sfn-task-tools benchmarks  " + machine);
    out.println(
        "times in ms: median [min .. max] (IQR p25-p75); thr = items/s from the median;"
            + " vs-py / vs-sdk = throughput ratio of this contender to the Python original / bare SDK");
    TreeSet<Double> latencies =
        rows.stream()
            .filter(row -> !inProcess(row))
            .map(Row::latencyMs)
            .collect(Collectors.toCollection(TreeSet::new));
    for (double latency : latencies) {
      printSection(
          out,
          "== added latency per request: "
              + fmt(latency)
              + " ms"
              + (latency == 0 ? " (emulator as is)" : " (loopback proxy)"),
          rows.stream().filter(row -> !inProcess(row) && row.latencyMs() == latency).toList());
    }
    List<Row> runner = rows.stream().filter(Report::inProcess).toList();
    if (!runner.isEmpty()) {
      printSection(
          out,
          "== local runner in process (no emulator, no-op tasks): W7 transition in ms per state"
              + " transition, W7 inline Map in ms per run",
          runner);
    }
    out.println();
    out.println("== targets");
    for (Target target : targets) {
      out.printf(
          Locale.ROOT,
          "%-4s %-58s %-36s measured %8.2f %s %6.2f   (%s)%n",
          target.pass() ? "PASS" : "MISS",
          target.target(),
          target.scope(),
          target.measured(),
          target.comparison(),
          target.limit(),
          target.detail());
    }
    long missed = targets.stream().filter(target -> !target.pass()).count();
    out.println(targets.size() - missed + " of " + targets.size() + " target checks pass");
  }

  private void printSection(PrintStream out, String title, List<Row> section) {
    out.println();
    out.println(title);
    out.printf(
        Locale.ROOT,
        "%-16s %-22s %-22s %10s %23s %17s %11s %7s %7s  %s%n",
        "workload",
        "case",
        "contender",
        "median",
        "[min .. max]",
        "IQR",
        "thr/s",
        "vs-py",
        "vs-sdk",
        "notes");
    String previous = "";
    for (Row row : section) {
      String group = row.workload() + row.variant();
      if (!group.equals(previous) && !previous.isEmpty()) {
        out.println();
      }
      previous = group;
      Double thr = row.throughputPerSecond();
      out.printf(
          Locale.ROOT,
          "%-16s %-22s %-22s %10s %23s %17s %11s %7s %7s  %s%n",
          row.workload(),
          row.variant(),
          row.contender(),
          ms(row.seconds().median()),
          "[" + ms(row.seconds().min()) + " .. " + ms(row.seconds().max()) + "]",
          Double.isNaN(row.seconds().p25())
              ? ""
              : ms(row.seconds().p25()) + "-" + ms(row.seconds().p75()),
          thr == null || !(row.unit().equals("run") || row.unit().equals("transition"))
              ? ""
              : String.format(Locale.ROOT, "%.0f", thr),
          ratio(row, Contender.PYTHON),
          ratio(row, Contender.BARE_SDK),
          notes(row));
    }
  }

  /** W7 rows: the local runner in this JVM, at no added latency and without the emulator. */
  private static boolean inProcess(Row row) {
    return row.workload().startsWith("W7");
  }

  private String ratio(Row row, String other) {
    if (row.contender().equals(other)
        || !(row.unit().equals("run") || row.unit().equals("call"))
        || row.workload().startsWith("W5")
        || row.workload().startsWith("W6")) {
      return "";
    }
    return find(row.workload(), row.variant(), other, row.latencyMs())
        .map(
            o -> String.format(Locale.ROOT, "%.2fx", o.seconds().median() / row.seconds().median()))
        .orElse("");
  }

  private static String notes(Row row) {
    return row.extra().entrySet().stream()
        .map(
            entry ->
                entry.getKey()
                    + "="
                    + (entry.getValue() instanceof Double d ? fmt(d) : entry.getValue()))
        .collect(Collectors.joining(" "));
  }

  static String ms(double seconds) {
    double ms = seconds * 1000;
    if (Double.isNaN(ms)) {
      return "-";
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 10
            ? String.format(Locale.ROOT, "%.1f", ms)
            : ms >= 1
                ? String.format(Locale.ROOT, "%.2f", ms)
                : String.format(Locale.ROOT, "%.3f", ms);
  }

  static String fmt(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  // ---------------------------------------------------------------- files

  void write(Path directory) {
    try {
      Files.createDirectories(directory);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("machine", machine);
      json.put("options", options);
      json.put("rows", rows.stream().map(Report::jsonRow).toList());
      json.put("targets", targets);
      Json.MAPPER
          .writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValue(directory.resolve("results.json").toFile(), json);
      List<String> csv = new ArrayList<>();
      csv.add(
          "workload,case,contender,latency_ms,unit,items,n,median_ms,min_ms,max_ms,p25_ms,p75_ms,p90_ms,p95_ms,p99_ms,"
              + "throughput_per_s,vs_python,vs_bare_sdk,extra");
      for (Row row : rows) {
        Stats s = row.seconds();
        csv.add(
            String.join(
                ",",
                row.workload(),
                row.variant(),
                row.contender(),
                fmt(row.latencyMs()),
                row.unit(),
                String.valueOf(row.items()),
                String.valueOf(s.n()),
                num(s.median()),
                num(s.min()),
                num(s.max()),
                num(s.p25()),
                num(s.p75()),
                num(s.p90()),
                num(s.p95()),
                num(s.p99()),
                row.throughputPerSecond() == null
                    ? ""
                    : String.format(Locale.ROOT, "%.1f", row.throughputPerSecond()),
                ratio(row, Contender.PYTHON).replace("x", ""),
                ratio(row, Contender.BARE_SDK).replace("x", ""),
                "\"" + notes(row).replace("\"", "'") + "\""));
      }
      Files.write(directory.resolve("results.csv"), csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String num(double seconds) {
    return Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.4f", seconds * 1000);
  }

  private static Map<String, Object> jsonRow(Row row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workload", row.workload());
    json.put("case", row.variant());
    json.put("contender", row.contender());
    json.put("latencyMs", row.latencyMs());
    json.put("unit", row.unit());
    json.put("items", row.items());
    Stats s = row.seconds();
    Map<String, Object> millis = new LinkedHashMap<>();
    millis.put("n", s.n());
    millis.put("median", s.median() * 1000);
    millis.put("min", s.min() * 1000);
    millis.put("max", s.max() * 1000);
    millis.put("p25", s.p25() * 1000);
    millis.put("p75", s.p75() * 1000);
    millis.put("p90", s.p90() * 1000);
    millis.put("p95", s.p95() * 1000);
    millis.put("p99", s.p99() * 1000);
    json.put("ms", millis);
    json.put("throughputPerSecond", row.throughputPerSecond());
    json.put("extra", row.extra());
    return json;
  }
}
