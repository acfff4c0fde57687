package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark harness: starts moto (through the test emulator), runs every workload for every
 * contender with the emulator as is and through a latency proxy ({@link LatencyEndpoint}), then the
 * cold-start and memory workloads in fresh JVMs, prints a table and writes {@code results.json} and
 * {@code results.csv}. Run it with {@code benchmarks/run.sh} (see benchmarks/README.md for the
 * options).
 */
public final class Bench {

  static final String LIBRARY = "java-library";
  static final String SDK = "bare-sdk";
  static final String PYTHON = "python-original";
  static final String NAMESPACE = "bench";
  static final int KB = 1024;
  static final int MB = 1024 * 1024;

  private final Options options;
  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final List<Row> rows = new ArrayList<>();

  private Bench(Options options, AwsEmulator aws, StateDataResources resources) {
    this.options = options;
    this.aws = aws;
    this.resources = resources;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> machine = Machine.describe();
    machine.put("startedAt", Instant.now().toString());
    log("Machine: " + machine);
    log("Options: " + options);
    AwsEmulator aws = AwsEmulators.shared();
    StateDataResources resources = aws.createStateDataResources();
    log(
        "Emulator: "
            + aws
            + ", table "
            + resources.tableName()
            + ", bucket "
            + resources.bucketName());
    Bench bench = new Bench(options, aws, resources);
    bench.prepareSharedData();
    for (double latency : options.latencies()) {
      bench.runInProcessWorkloads(latency);
    }
    if (options.runs("w5")) {
      new ColdStart(options, aws, resources, bench.rows).run();
    }
    if (options.runs("w6")) {
      new MemoryWorkload.Runner(options, aws, resources, bench.rows).run();
    }
    machine.put("finishedAt", Instant.now().toString());
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    Report report = new Report(options, machine, bench.rows);
    report.print(System.out);
    report.write(options.outputDirectory());
    log("Wrote " + options.outputDirectory().resolve("results.json") + " and results.csv");
    System.exit(0);
  }

  static void log(String message) {
    System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
  }

  // ---------------------------------------------------------------- tables

  /**
   * A fresh table. Every contender writes to tables of its own, and getItems reads a table holding
   * only the partition it reads: moto's Query walks the whole table on every call (DynamoDB's cost
   * depends only on what the query reads), so shared, growing tables would make the emulator, not
   * the contenders, dominate the reads and the library's stale-item Query.
   */
  private String freshTable() {
    return aws.createStateDataTable();
  }

  private void dropTables(Collection<String> tables) {
    for (String table : tables) {
      try {
        aws.dynamoDbClient().deleteTable(request -> request.tableName(table));
      } catch (RuntimeException e) {
        log("could not delete table " + table + ": " + e);
      }
    }
  }

  /** For each list size, a table holding one partition every contender's getItems reads. */
  private final Map<Integer, String> getTables = new LinkedHashMap<>();

  private void prepareSharedData() {
    if (!options.runs("w2")) {
      return;
    }
    try (Clients clients =
        Clients.create(aws.endpoint(), aws.region().id(), options.httpClient())) {
      for (int count : options.itemCounts()) {
        String table = freshTable();
        getTables.put(count, table);
        new LibraryContender(
                clients.dynamoDb(), clients.s3(), table, resources.bucketName(), NAMESPACE)
            .putItems("get-" + count, Payloads.elements(count, KB));
      }
    }
  }

  // ---------------------------------------------------------------- W1-W4

  private void runInProcessWorkloads(double latency) throws IOException {
    try (LatencyEndpoint endpoint =
            LatencyEndpoint.open(aws.endpoint(), latency, options.connectLatencyMs());
        Clients clients = Clients.create(endpoint.uri(), aws.region().id(), options.httpClient());
        BareSdkContender sdk =
            new BareSdkContender(
                clients.dynamoDb(),
                clients.s3(),
                resources.tableName(),
                resources.bucketName(),
                NAMESPACE)) {
      log("=== latency " + latency + " ms per request (" + endpoint.uri() + ")");
      List<Contender> java = new ArrayList<>();
      if (options.contender(LIBRARY)) {
        java.add(
            new LibraryContender(
                clients.dynamoDb(),
                clients.s3(),
                resources.tableName(),
                resources.bucketName(),
                NAMESPACE));
      }
      if (options.contender(SDK)) {
        java.add(sdk);
      }
      boolean python = options.contender(PYTHON);
      Counter counter = new Counter(endpoint);
      if (options.runs("w1")) {
        for (int count : options.itemCounts()) {
          List<Element> elements = Payloads.elements(count, KB);
          String variant = count + " x 1KB";
          List<String> tables = new ArrayList<>();
          runItems(
              onOwnTables(java, tables),
              counter,
              "W1 putItems",
              variant,
              latency,
              count,
              options.warmup(),
              options.runs(),
              contender ->
                  () -> contender.putItems("w1-" + contender.name() + "-" + count, elements));
          python(
              python,
              counter,
              own(tables),
              "W1 putItems",
              variant,
              latency,
              count,
              new PythonOriginal.Job(
                  "put_items", "w1-python-" + count, count, KB, pythonWarmup(), options.runs()));
          if (options.contender(LIBRARY)) {
            staleItemQuery(
                clients,
                counter,
                tables.get(0),
                "w1-" + LIBRARY + "-" + count,
                count,
                variant,
                latency);
          }
          dropTables(tables);
        }
      }
      if (options.runs("w2")) {
        for (int count : options.itemCounts()) {
          String variant = count + " x 1KB";
          String table = getTables.get(count);
          runItems(
              java.stream().map(contender -> contender.on(table)).toList(),
              counter,
              "W2 getItems",
              variant,
              latency,
              count,
              options.warmup(),
              options.runs(),
              contender -> () -> verify(contender.getItems("get-" + count), count, KB));
          python(
              python,
              counter,
              table,
              "W2 getItems",
              variant,
              latency,
              count,
              new PythonOriginal.Job(
                  "get_items", "get-" + count, count, KB, pythonWarmup(), options.runs()));
        }
      }
      if (options.runs("w3")) {
        int count = options.bigItemCount();
        List<Element> elements = Payloads.elements(count, MB);
        String variant = count + " x 1MB";
        List<String> tables = new ArrayList<>();
        List<Contender> w3 = onOwnTables(java, tables);
        runItems(
            w3,
            counter,
            "W3 putItems",
            variant,
            latency,
            count,
            1,
            options.bigRuns(),
            contender -> () -> contender.putItems("w3-" + contender.name(), elements));
        runItems(
            w3,
            counter,
            "W3 getItems",
            variant,
            latency,
            count,
            1,
            options.bigRuns(),
            contender -> () -> verify(contender.getItems("w3-" + contender.name()), count, MB));
        String pythonTable = own(tables);
        python(
            python,
            counter,
            pythonTable,
            "W3 putItems",
            variant,
            latency,
            count,
            new PythonOriginal.Job("put_items", "w3-python", count, MB, 1, options.bigRuns()));
        python(
            python,
            counter,
            pythonTable,
            "W3 getItems",
            variant,
            latency,
            count,
            new PythonOriginal.Job("get_items", "w3-python", count, MB, 1, options.bigRuns()));
        addTotals("W3 putItems", "W3 getItems", "W3 put+get", variant, latency, count);
        dropTables(tables);
      }
      if (options.runs("w4")) {
        List<String> tables = new ArrayList<>();
        runCalls(onOwnTables(java, tables), counter, latency);
        String pythonTable = own(tables);
        python(
            python,
            counter,
            pythonTable,
            "W4 putItem",
            "1 x 1KB",
            latency,
            1,
            new PythonOriginal.Job(
                "put_item", "w4-python", 1, KB, options.callWarmup(), options.calls()));
        python(
            python,
            counter,
            pythonTable,
            "W4 getItem",
            "1 x 1KB",
            latency,
            1,
            new PythonOriginal.Job(
                "get_item", "w4-python", 1, KB, options.callWarmup(), options.calls()));
        dropTables(tables);
      }
    }
  }

  /**
   * Profile of the library's putItems: times, alone, the Query its stale-item cleanup ({@code
   * DefaultStateDataClient.deleteFrom}) sends after every putItems (keys only, {@code sort_key >=
   * count}, consistent), on the library's own W1 table.
   */
  private void staleItemQuery(
      Clients clients,
      Counter counter,
      String table,
      String key,
      int count,
      String variant,
      double latency) {
    List<Double> times = new ArrayList<>();
    long[] before = counter.snapshot();
    for (int run = 0; run < options.warmup() + options.runs(); run++) {
      long start = System.nanoTime();
      clients
          .dynamoDb()
          .queryPaginator(
              request ->
                  request
                      .tableName(table)
                      .consistentRead(true)
                      .keyConditionExpression("#pk = :pk AND #sk >= :from")
                      .expressionAttributeNames(Map.of("#pk", "partition_key", "#sk", "sort_key"))
                      .expressionAttributeValues(
                          Map.of(
                              ":pk",
                                  software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                      .fromS(NAMESPACE + ":" + key),
                              ":from",
                                  software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                      .fromN(Integer.toString(count))))
                      .projectionExpression("#pk, #sk"))
          .items()
          .forEach(
              item -> {
                throw new IllegalStateException("unexpected stale item");
              });
      if (run >= options.warmup()) {
        times.add((System.nanoTime() - start) / 1e9);
      }
    }
    long[] after = counter.snapshot();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("note", "the stale-item Query the library sends after each putItems, timed alone");
    if (counter.endpoint().proxied()) {
      extra.put(
          "requestsPerRun", (double) (after[0] - before[0]) / (options.warmup() + options.runs()));
    }
    add(
        new Row(
            "W1 profile",
            variant,
            "library stale-item Query",
            latency,
            "query",
            0,
            Stats.of(times),
            extra));
  }

  /** Each contender on a fresh table of its own (added to {@code tables}). */
  private List<Contender> onOwnTables(List<Contender> contenders, List<String> tables) {
    return contenders.stream().map(contender -> contender.on(own(tables))).toList();
  }

  private String own(List<String> tables) {
    String table = freshTable();
    tables.add(table);
    return table;
  }

  private int pythonWarmup() {
    return Math.min(1, options.warmup());
  }

  /** Proxy request/connection counts of one sample (zero without the proxy). */
  private record Counter(LatencyEndpoint endpoint) {
    long[] snapshot() {
      LatencyEndpoint.Counts counts = endpoint.counts();
      return new long[] {counts.requests(), counts.connections(), counts.expectContinue()};
    }
  }

  private interface Workload {
    Runnable of(Contender contender);
  }

  /**
   * Warm-up then measured runs; the Java contenders alternate run by run so that both see the same
   * machine load (other processes share this machine).
   */
  private void runItems(
      List<Contender> contenders,
      Counter counter,
      String workload,
      String variant,
      double latency,
      int count,
      int warmup,
      int runs,
      Workload work) {
    log(workload + " " + variant + ": " + contenders.stream().map(Contender::name).toList());
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, List<Double>> requests = new LinkedHashMap<>();
    Map<String, List<Double>> connections = new LinkedHashMap<>();
    Map<String, List<Double>> expects = new LinkedHashMap<>();
    for (int run = 0; run < warmup + runs; run++) {
      for (Contender contender : contenders) {
        Runnable task = work.of(contender);
        long[] before = counter.snapshot();
        long start = System.nanoTime();
        task.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] after = counter.snapshot();
        if (run >= warmup) {
          times.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(seconds);
          requests
              .computeIfAbsent(contender.name(), name -> new ArrayList<>())
              .add((double) (after[0] - before[0]));
          connections
              .computeIfAbsent(contender.name(), name -> new ArrayList<>())
              .add((double) (after[1] - before[1]));
          expects
              .computeIfAbsent(contender.name(), name -> new ArrayList<>())
              .add((double) (after[2] - before[2]));
        }
      }
    }
    times.forEach(
        (name, samples) -> {
          Map<String, Object> extra = new LinkedHashMap<>();
          if (counter.endpoint().proxied()) {
            extra.put("requestsPerRun", Stats.of(requests.get(name)).median());
            extra.put("newConnectionsPerRun", Stats.of(connections.get(name)).median());
            if (Stats.of(expects.get(name)).median() > 0) {
              extra.put("expect100PerRun", Stats.of(expects.get(name)).median());
            }
          }
          add(new Row(workload, variant, name, latency, "run", count, Stats.of(samples), extra));
        });
  }

  private void runCalls(List<Contender> contenders, Counter counter, double latency) {
    Element element = Payloads.element(0, KB);
    for (String operation : List.of("W4 putItem", "W4 getItem")) {
      log(operation + ": " + options.calls() + " calls each");
      Map<String, List<Double>> times = new LinkedHashMap<>();
      Map<String, long[]> counts = new LinkedHashMap<>();
      for (int call = 0; call < options.callWarmup() + options.calls(); call++) {
        for (Contender contender : contenders) {
          String key = "w4-" + contender.name();
          long[] before = counter.snapshot();
          long start = System.nanoTime();
          if (operation.endsWith("putItem")) {
            contender.putItem(key, element);
          } else if (contender.getItem(key).index() != 0) {
            throw new IllegalStateException("wrong item");
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          long[] after = counter.snapshot();
          if (call >= options.callWarmup()) {
            times.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(seconds);
            long[] sum = counts.computeIfAbsent(contender.name(), name -> new long[3]);
            sum[0] += after[0] - before[0];
            sum[1] += after[1] - before[1];
          }
        }
      }
      times.forEach(
          (name, samples) -> {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (counter.endpoint().proxied()) {
              extra.put("requestsPerCall", (double) counts.get(name)[0] / samples.size());
              extra.put("newConnectionsPerCall", (double) counts.get(name)[1] / samples.size());
            }
            add(new Row(operation, "1 x 1KB", name, latency, "call", 1, Stats.of(samples), extra));
          });
    }
  }

  private void python(
      boolean python,
      Counter counter,
      String table,
      String workload,
      String variant,
      double latency,
      int count,
      PythonOriginal.Job job) {
    if (!python) {
      return;
    }
    log(
        workload
            + " "
            + variant
            + ": "
            + PYTHON
            + " ("
            + (job.warmup() + job.runs())
            + " "
            + job.op()
            + ")");
    long[] before = counter.snapshot();
    PythonOriginal.Timing timing =
        new PythonOriginal(aws, table, resources.bucketName(), NAMESPACE)
            .endpoint(counter.endpoint().uri())
            .time(job);
    long[] after = counter.snapshot();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("pythonImportSeconds", timing.importSeconds());
    if (counter.endpoint().proxied()) {
      int samples = job.warmup() + job.runs();
      String per = job.op().endsWith("items") ? "Run" : "Call";
      extra.put("requestsPer" + per, (double) (after[0] - before[0]) / samples);
      extra.put("newConnectionsPer" + per, (double) (after[1] - before[1]) / samples);
      if (after[2] > before[2]) {
        extra.put("expect100Per" + per, (double) (after[2] - before[2]) / samples);
      }
    }
    add(
        new Row(
            workload,
            variant,
            PYTHON,
            latency,
            job.op().endsWith("items") ? "run" : "call",
            count,
            Stats.of(timing.seconds()),
            extra));
  }

  /** put+get of the same runs (medians add; spread from the sums of the i-th put and i-th get). */
  private void addTotals(
      String put, String get, String workload, String variant, double latency, int count) {
    List<Row> added = new ArrayList<>();
    for (Row putRow : rows) {
      if (!putRow.workload().equals(put) || putRow.latencyMs() != latency) {
        continue;
      }
      rows.stream()
          .filter(
              row ->
                  row.workload().equals(get)
                      && row.latencyMs() == latency
                      && row.contender().equals(putRow.contender()))
          .findFirst()
          .ifPresent(
              getRow ->
                  added.add(
                      new Row(
                          workload,
                          variant,
                          putRow.contender(),
                          latency,
                          "run",
                          count,
                          new Stats(
                              putRow.seconds().n(),
                              putRow.seconds().median() + getRow.seconds().median(),
                              putRow.seconds().min() + getRow.seconds().min(),
                              putRow.seconds().max() + getRow.seconds().max(),
                              putRow.seconds().p25() + getRow.seconds().p25(),
                              putRow.seconds().p75() + getRow.seconds().p75(),
                              Double.NaN,
                              Double.NaN),
                          Map.of("note", "sum of the put and get figures"))));
    }
    rows.addAll(added);
  }

  private void add(Row row) {
    rows.add(row);
    log(
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

  static List<Element> verify(List<Element> elements, int count, int size) {
    if (elements.size() != count) {
      throw new IllegalStateException("read " + elements.size() + " elements, expected " + count);
    }
    Element last = elements.get(count - 1);
    if (last.index() != count - 1 || last.text().length() < size - 200) {
      throw new IllegalStateException("the last element read back is wrong: index " + last.index());
    }
    return elements;
  }

  // ---------------------------------------------------------------- options

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
      List<String> workloads,
      List<String> contenders,
      String httpClient,
      String memoryHeap,
      Path outputDirectory) {

    boolean runs(String workload) {
      return workloads.isEmpty() || workloads.contains(workload);
    }

    boolean contender(String name) {
      return contenders.isEmpty() || contenders.contains(name);
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

  // ---------------------------------------------------------------- machine

  static final class Machine {
    static Map<String, Object> describe() {
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      machine.put("memTotal", firstLine(Path.of("/proc/meminfo")));
      machine.put("cpuModel", cpuModel());
      machine.put(
          "javaVersion",
          System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
      machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
      machine.put("loadAverageAtStart", loadAverage());
      return machine;
    }

    static String loadAverage() {
      return firstLine(Path.of("/proc/loadavg"));
    }

    private static String cpuModel() {
      try {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(line -> line.startsWith("model name"))
            .map(line -> line.substring(line.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("?");
      } catch (IOException e) {
        return "?";
      }
    }

    private static String firstLine(Path file) {
      try {
        return Files.readAllLines(file).get(0).trim();
      } catch (IOException | IndexOutOfBoundsException e) {
        return "?";
      }
    }
  }
}
