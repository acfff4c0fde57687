package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark harness: runs the local runner's overhead workload (W7, no emulator), starts moto
 * (through the test emulator), runs the in-process workloads W1–W4 for every contender with the
 * emulator as is and through a latency proxy ({@link LatencyEndpoint}), then the cold-start and
 * memory workloads in fresh JVMs, prints a table and writes {@code results.json} and {@code
 * results.csv}. Run it with {@code benchmarks/run.sh} (see benchmarks/README.md for the options).
 */
public final class Bench {

  private final Options options;
  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final @Nullable GetItemsWorkload getItems;
  private final List<Row> rows;

  private Bench(Options options, AwsEmulator aws, StateDataResources resources, List<Row> rows) {
    this.options = options;
    this.aws = aws;
    this.resources = resources;
    this.rows = rows;
    this.getItems =
        options.runs("w2") ? GetItemsWorkload.prepare(options, aws, resources.bucketName()) : null;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> machine = Machine.describe();
    machine.put("startedAt", Instant.now().toString());
    Progress.log("Machine: " + machine);
    Progress.log("Options: " + options);
    List<Row> rows = new ArrayList<>();
    // First, before moto starts: W7 needs no emulator, and an idle moto still shares the CPUs.
    if (options.runs("w7")) {
      new RunnerWorkload(options).run(new Sampling(LatencyEndpoint.none(), null, rows));
    }
    if (options.needsEmulator()) {
      AwsEmulator aws = AwsEmulators.shared();
      StateDataResources resources = aws.createStateDataResources();
      Progress.log(
          "Emulator: "
              + aws
              + ", table "
              + resources.tableName()
              + ", bucket "
              + resources.bucketName());
      Bench bench = new Bench(options, aws, resources, rows);
      for (double latency : options.latencies()) {
        bench.runInProcessWorkloads(latency);
      }
      if (options.runs("w5")) {
        new ColdStart(options, aws, resources, rows).run();
      }
      if (options.runs("w6")) {
        new MemoryWorkload.Runner(options, aws, resources, rows).run();
      }
      if (options.runs("w8")) {
        new DistributedMapWorkload.Runner(options, aws, resources.bucketName(), rows).run();
      }
    }
    machine.put("finishedAt", Instant.now().toString());
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    Report report = new Report(options, machine, rows);
    report.print(System.out);
    report.write(options.outputDirectory());
    Progress.log("Wrote " + options.outputDirectory().resolve("results.json") + " and results.csv");
    System.exit(0);
  }

  /** W1–W4 at one added latency, the Java contenders sharing one set of clients. */
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
                Contender.NAMESPACE)) {
      Progress.log("=== latency " + latency + " ms per request (" + endpoint.uri() + ")");
      List<Contender> java = new ArrayList<>();
      if (options.contender(Contender.LIBRARY)) {
        java.add(
            new LibraryContender(
                clients.dynamoDb(),
                clients.s3(),
                resources.tableName(),
                resources.bucketName(),
                Contender.NAMESPACE));
      }
      if (options.contender(Contender.BARE_SDK)) {
        java.add(sdk);
      }
      PythonContender python =
          options.contender(Contender.PYTHON)
              ? new PythonContender(aws, resources.bucketName(), endpoint.uri())
              : null;
      Sampling sampling = new Sampling(endpoint, python, rows);
      if (options.runs("w1")) {
        new PutItemsWorkload(options, aws).run(java, clients.dynamoDb(), sampling);
      }
      if (getItems != null) {
        List<Contender> readers = new ArrayList<>(java);
        if (options.contender(Contender.LIBRARY_POINTER)) {
          readers.add(
              new LibraryContender(
                  clients.dynamoDb(),
                  clients.s3(),
                  resources.tableName(),
                  resources.bucketName(),
                  Contender.NAMESPACE,
                  true));
        }
        getItems.run(readers, sampling);
      }
      if (options.runs("w3")) {
        new LargeItemsWorkload(options, aws).run(java, sampling);
      }
      if (options.runs("w4")) {
        new SingleItemWorkload(options, aws).run(java, sampling);
      }
    }
  }
}
