package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.state.DistributedMapPointer;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * W8: a list of {@value #COUNT} elements of ~1 KB written for a Distributed Map ({@code
 * putAllForDistributedMap}, elements generated as they are pulled) next to the same list written
 * with {@code putItems} (the whole list built first, as its {@code List} argument needs), each in a
 * fresh JVM with a capped heap ({@code -Xmx256m -XX:+UseSerialGC} by default) on a fresh table. A
 * sampler thread records the peak heap used every 2 ms. Prints {@code DMAP {...}}.
 */
public final class DistributedMapWorkload {

  static final int COUNT = 100_000;
  static final String DISTRIBUTED_MAP = "putAllForDistributedMap";
  static final String PUT_ITEMS = "putItems";

  private DistributedMapWorkload() {}

  /** The child JVM: args endpoint region table bucket mode count http-client. */
  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String mode = args[4];
    int count = Integer.parseInt(args[5]);
    HeapSampler sampler = HeapSampler.start();
    String completed = "true";
    String error = "";
    double seconds = 0;
    int size = 0;
    try (Clients clients = Clients.create(endpoint, args[1], args[6])) {
      StateDataClient stateData =
          StateDataClient.builder()
              .dynamoDbClient(clients.dynamoDb())
              .s3Client(clients.s3())
              .tableName(args[2])
              .bucket(args[3])
              .namespace(Contender.NAMESPACE)
              .build();
      long start = System.nanoTime();
      if (mode.equals(DISTRIBUTED_MAP)) {
        DistributedMapPointer pointer =
            stateData.putAllForDistributedMap(
                ListRef.local("w8"),
                IntStream.range(0, count)
                    .mapToObj(i -> Payloads.element(i, Payloads.KB))
                    .iterator());
        size = pointer.size();
      } else {
        size = stateData.putItems("w8", Payloads.elements(count, Payloads.KB)).size();
      }
      seconds = (System.nanoTime() - start) / 1e9;
    } catch (Throwable failure) {
      completed = "false";
      error = HeapSampler.failureText(failure);
    }
    sampler.close();
    System.out.println(
        "DMAP {\"completed\":"
            + completed
            + ",\"seconds\":"
            + seconds
            + ",\"size\":"
            + size
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

  /** The harness side: one child JVM per mode and latency, each on a fresh table. */
  static final class Runner {
    private final Options options;
    private final AwsEmulator aws;
    private final String bucket;
    private final List<Row> rows;

    Runner(Options options, AwsEmulator aws, String bucket, List<Row> rows) {
      this.options = options;
      this.aws = aws;
      this.bucket = bucket;
      this.rows = rows;
    }

    void run() throws IOException {
      Path target = ColdStart.benchmarkJar().getParent();
      String classpath = ColdStart.classpath(target, "classpath-harness.txt");
      for (double latency : options.latencies()) {
        try (LatencyEndpoint endpoint =
                LatencyEndpoint.open(aws.endpoint(), latency, options.connectLatencyMs());
            Tables tables = new Tables(aws)) {
          for (String mode : List.of(DISTRIBUTED_MAP, PUT_ITEMS)) {
            Progress.log(
                "W8 "
                    + mode
                    + " of "
                    + COUNT
                    + " with -Xmx"
                    + options.memoryHeap()
                    + ", latency "
                    + latency);
            ChildJvm jvm =
                ChildJvm.run(
                    List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + options.memoryHeap(),
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        DistributedMapWorkload.class.getName(),
                        endpoint.uri().toString(),
                        aws.region().id(),
                        tables.fresh(),
                        bucket,
                        mode,
                        Integer.toString(COUNT),
                        options.httpClient()),
                    Duration.ofMinutes(15));
            JsonNode result =
                jvm.json("DMAP ")
                    .orElseThrow(
                        () ->
                            jvm.failure("The Distributed Map workload JVM printed no result", 40));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("completed", result.get("completed").asBoolean());
            extra.put(
                "peakHeapMB",
                Math.round(result.get("peakHeapUsed").asLong() / 1048576.0 * 10) / 10.0);
            extra.put(
                "maxHeapMB", Math.round(result.get("maxHeap").asLong() / 1048576.0 * 10) / 10.0);
            if (!result.get("error").asString().isEmpty()) {
              extra.put("error", result.get("error").asString());
            }
            rows.add(
                new Row(
                    "W8 dmap list",
                    COUNT + " x 1KB -Xmx" + options.memoryHeap(),
                    mode,
                    latency,
                    "run",
                    COUNT,
                    Stats.of(List.of(result.get("seconds").asDouble())),
                    extra));
            Progress.log("  W8 " + mode + ": " + result.get("seconds").asDouble() + " s, " + extra);
          }
        }
      }
    }
  }
}
