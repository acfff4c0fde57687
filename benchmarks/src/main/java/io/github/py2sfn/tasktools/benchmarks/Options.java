package io.github.py2sfn.tasktools.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The command line of the harness (see benchmarks/README.md for each option and its default). */
record Options(
    boolean quick,
    List<Double> latencies,
    double connectLatencyMs,
    List<Integer> itemCounts,
    int bigItemCount,
    int warmup,
    int runs,
    int bigRuns,
    int callWarmup,
    int calls,
    int coldStartRepetitions,
    int runnerRounds,
    int mapItems,
    int runnerWarmup,
    int runnerRuns,
    List<String> workloads,
    List<String> contenders,
    String httpClient,
    String memoryHeap,
    Path outputDirectory) {

  boolean runs(String workload) {
    return workloads.isEmpty() || workloads.contains(workload);
  }

  /** Whether any selected workload needs the emulator (all but W7, the local runner). */
  boolean needsEmulator() {
    return workloads.isEmpty() || workloads.stream().anyMatch(workload -> !workload.equals("w7"));
  }

  boolean contender(String name) {
    return contenders.isEmpty() || contenders.contains(name);
  }

  /** W1/W2 warm-up runs of the Python original: at most one. */
  int pythonWarmup() {
    return Math.min(1, warmup);
  }

  static Options parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean quickMode = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--quick")) {
        quickMode = true;
      } else if (arg.startsWith("--") && arg.contains("=")) {
        values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(
            "Unknown argument " + arg + "; see benchmarks/README.md");
      }
    }
    boolean quick = quickMode;
    List<Double> latencies = new ArrayList<>(List.of(0.0));
    for (String latency : values.getOrDefault("latency-ms", "5").split(",")) {
      double value = Double.parseDouble(latency.trim());
      if (value > 0 && !latencies.contains(value)) {
        latencies.add(value);
      }
    }
    Supplier<List<Integer>> defaultCounts = () -> quick ? List.of(1000) : List.of(1000, 10000);
    List<Integer> counts =
        values.containsKey("items")
            ? Arrays.stream(values.get("items").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList()
            : defaultCounts.get();
    return new Options(
        quick,
        latencies,
        Double.parseDouble(values.getOrDefault("connect-latency-ms", "0")),
        counts,
        Integer.parseInt(values.getOrDefault("big-items", "100")),
        Integer.parseInt(values.getOrDefault("warmup", quick ? "1" : "2")),
        Integer.parseInt(values.getOrDefault("runs", quick ? "3" : "7")),
        Integer.parseInt(values.getOrDefault("big-runs", quick ? "3" : "5")),
        Integer.parseInt(values.getOrDefault("call-warmup", quick ? "20" : "50")),
        Integer.parseInt(values.getOrDefault("calls", quick ? "100" : "300")),
        Integer.parseInt(values.getOrDefault("coldstart-reps", quick ? "1" : "5")),
        Integer.parseInt(values.getOrDefault("runner-rounds", "1000")),
        Integer.parseInt(values.getOrDefault("map-items", "10000")),
        Integer.parseInt(values.getOrDefault("runner-warmup", quick ? "10" : "50")),
        Integer.parseInt(values.getOrDefault("runner-runs", quick ? "10" : "30")),
        list(values.get("workloads")),
        list(values.get("contenders")),
        values.getOrDefault("http-client", "urlconnection"),
        values.getOrDefault("memory-heap", "256m"),
        Path.of(System.getProperty("bench.root", "."))
            .toAbsolutePath()
            .resolve(values.getOrDefault("out", "benchmarks/target"))
            .normalize());
  }

  private static List<String> list(String value) {
    return value == null || value.isBlank()
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::trim).map(s -> s.toLowerCase()).toList();
  }
}
