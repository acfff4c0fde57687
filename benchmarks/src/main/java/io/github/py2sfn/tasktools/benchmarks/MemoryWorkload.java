package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * W6: workload 3 (putItems then getItems of 100 elements of ~1 MB) in a fresh JVM whose heap is
 * capped ({@code -Xmx256m} by default). The input list (~100 MB of text) stays referenced during
 * putItems and is dropped before getItems, whose result (~100 MB) is held until the end, as a task
 * would. A sampler thread records the peak heap used every 2 ms. Prints {@code MEMORY {...}}.
 */
public final class MemoryWorkload {

  private MemoryWorkload() {}

  /** The child JVM: args endpoint region table bucket contender count http-client. */
  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    int count = Integer.parseInt(args[5]);
    HeapSampler sampler = HeapSampler.start();
    String completed = "true";
    String error = "";
    double putSeconds = Double.NaN;
    double getSeconds = Double.NaN;
    try (Clients clients = Clients.create(endpoint, args[1], args[6])) {
      Contender contender =
          args[4].equals(Contender.BARE_SDK)
              ? new BareSdkContender(
                  clients.dynamoDb(), clients.s3(), args[2], args[3], Contender.NAMESPACE)
              : new LibraryContender(
                  clients.dynamoDb(), clients.s3(), args[2], args[3], Contender.NAMESPACE);
      String key = "w6-" + contender.name();
      long start = System.nanoTime();
      contender.putItems(key, Payloads.elements(count, Payloads.MB));
      putSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      List<Element> loaded = Payloads.verify(contender.getItems(key, count), count, Payloads.MB);
      getSeconds = (System.nanoTime() - start) / 1e9;
      sampler.sample();
      if (loaded.isEmpty()) {
        throw new IllegalStateException();
      }
    } catch (Throwable failure) {
      completed = "false";
      error = HeapSampler.failureText(failure);
    }
    sampler.close();
    System.out.println(
        "MEMORY {\"completed\":"
            + completed
            + ",\"putSeconds\":"
            + (Double.isNaN(putSeconds) ? 0 : putSeconds)
            + ",\"getSeconds\":"
            + (Double.isNaN(getSeconds) ? 0 : getSeconds)
            + ",\"peakHeapUsed\":"
            + sampler.peakHeapUsed()
            + ",\"maxHeap\":"
            + sampler.maxHeap()
            + ",\"error\":\""
            + error.replace('"', '\'').replace('\n', ' ')
            + "\"}");
    System.out.flush();
    System.exit(0);
  }

  /** The harness side: one child JVM per contender and latency. */
  static final class Runner {
    private final Options options;
    private final AwsEmulator aws;
    private final StateDataResources resources;
    private final List<Row> rows;

    Runner(Options options, AwsEmulator aws, StateDataResources resources, List<Row> rows) {
      this.options = options;
      this.aws = aws;
      this.resources = resources;
      this.rows = rows;
    }

    void run() throws IOException {
      Path target = ColdStart.benchmarkJar().getParent();
      String classpath = ColdStart.classpath(target, "classpath-harness.txt");
      for (double latency : options.latencies()) {
        try (LatencyEndpoint endpoint =
            LatencyEndpoint.open(aws.endpoint(), latency, options.connectLatencyMs())) {
          for (String contender : List.of(Contender.LIBRARY, Contender.BARE_SDK)) {
            if (!options.contender(contender)) {
              continue;
            }
            Progress.log(
                "W6 " + contender + " with -Xmx" + options.memoryHeap() + ", latency " + latency);
            List<String> command =
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + options.memoryHeap(),
                    "-XX:+UseSerialGC",
                    "-cp",
                    classpath,
                    MemoryWorkload.class.getName(),
                    endpoint.uri().toString(),
                    aws.region().id(),
                    resources.tableName(),
                    resources.bucketName(),
                    contender,
                    Integer.toString(options.bigItemCount()),
                    options.httpClient());
            JsonNode result = launch(command);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("completed", result.get("completed").asBoolean());
            extra.put(
                "peakHeapMB",
                Math.round(result.get("peakHeapUsed").asLong() / 1048576.0 * 10) / 10.0);
            extra.put(
                "maxHeapMB", Math.round(result.get("maxHeap").asLong() / 1048576.0 * 10) / 10.0);
            extra.put("putMs", Math.round(result.get("putSeconds").asDouble() * 1000));
            extra.put("getMs", Math.round(result.get("getSeconds").asDouble() * 1000));
            if (!result.get("error").asString().isEmpty()) {
              extra.put("error", result.get("error").asString());
            }
            double total =
                result.get("putSeconds").asDouble() + result.get("getSeconds").asDouble();
            rows.add(
                new Row(
                    "W6 memory",
                    options.bigItemCount() + " x 1MB -Xmx" + options.memoryHeap(),
                    contender,
                    latency,
                    "run",
                    options.bigItemCount(),
                    Stats.of(List.of(total)),
                    extra));
            Progress.log("  W6 " + contender + ": " + extra);
          }
        }
      }
    }

    private static JsonNode launch(List<String> command) {
      ChildJvm jvm = ChildJvm.run(command, Duration.ofMinutes(10));
      return jvm.json("MEMORY ")
          .orElseThrow(() -> jvm.failure("The memory workload JVM printed no result", 40));
    }
  }
}
