package io.github.py2sfn.tasktools.test.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python original, py2sfn-task-tools 1.0.2 from {@link PythonVirtualEnv}, on a table, a bucket
 * and a namespace of an emulator: runs its {@code StateDataClient} methods ({@link #call}, {@link
 * #run}) or timed loops of them ({@link #time}), in one Python process per run.
 */
public final class PythonOriginal {

  /** Reads and writes {@code NaN} and the infinities as bare tokens, as Python's json does. */
  public static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  // What Python's json module reads and writes: deep nesting, long numbers, long
                  // names, beyond Jackson's defaults.
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(1_000)
                          .maxNumberLength(5_000)
                          .maxNameLength(Integer.MAX_VALUE)
                          .build())
                  .streamWriteConstraints(
                      StreamWriteConstraints.builder().maxNestingDepth(1_000).build())
                  .build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  private static final String SCRIPT_RESOURCE =
      "io/github/py2sfn/tasktools/test/emulator/py2sfn_original.py";
  private static final Duration CALLS_TIMEOUT = Duration.ofMinutes(2);
  // A timed job repeats thousands of calls, through a latency proxy too.
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(60);

  /**
   * A timed loop of one operation, run inside Python so that interpreter start and imports are not
   * timed.
   *
   * @param op {@code put_items} or {@code get_items} (one time per run), {@code put_item} or {@code
   *     get_item} (one time per call)
   * @param key the state data key
   * @param count elements of a list (for {@code get_items}, the count it must read back)
   * @param size bytes of one element's compact JSON, built by the rule of the benchmarks' {@code
   *     Payloads}
   * @param warmup untimed runs or calls first
   * @param runs timed runs or calls
   */
  public record Job(String op, String key, int count, int size, int warmup, int runs) {}

  /**
   * What a job measured.
   *
   * @param seconds one time per timed run or call
   * @param importSeconds how long Python took to import the library (not in {@code seconds})
   */
  public record Timing(List<Double> seconds, double importSeconds) {}

  private final String tableName;
  private final String bucketName;
  private final String namespace;
  private final Map<String, String> environment;
  private final List<Map<String, Object>> calls = new ArrayList<>();

  /**
   * Creates a runner whose Python client uses the emulator's endpoint and credentials.
   *
   * @param aws the emulator
   * @param tableName the client's default table
   * @param bucketName the client's bucket for offloaded items
   * @param namespace the client's namespace (the execution name in a task)
   */
  public PythonOriginal(AwsEmulator aws, String tableName, String bucketName, String namespace) {
    this.tableName = tableName;
    this.bucketName = bucketName;
    this.namespace = namespace;
    this.environment = new LinkedHashMap<>(aws.pythonEnvironment());
  }

  /**
   * Sends the Python client's requests to another endpoint, such as a proxy in front of the
   * emulator.
   *
   * @param endpoint the endpoint of DynamoDB and S3
   * @return this runner
   */
  public PythonOriginal endpoint(URI endpoint) {
    environment.put("AWS_ENDPOINT_URL", endpoint.toString());
    environment.put("DYNAMODB_ENDPOINT_URL", endpoint.toString());
    environment.put("S3_ENDPOINT_URL", endpoint.toString());
    return this;
  }

  /**
   * Queues a call of a method of the Python {@code StateDataClient}.
   *
   * @param operation the method, e.g. {@code put_item}
   * @param namesAndValues its keyword arguments: name, value, name, value...
   * @return this runner
   */
  public PythonOriginal call(String operation, Object... namesAndValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    calls.add(Map.of("op", operation, "args", args));
    return this;
  }

  /**
   * Runs the queued calls in order, in one Python process, and forgets them.
   *
   * @return what each call returned, read with {@link #JSON}
   * @throws IllegalStateException when Python fails or takes more than two minutes
   */
  public List<JsonNode> run() {
    JsonNode output = execute(Map.of("calls", calls), CALLS_TIMEOUT);
    calls.clear();
    List<JsonNode> results = new ArrayList<>();
    output.get("results").forEach(results::add);
    return results;
  }

  /**
   * Runs a timed job in one Python process.
   *
   * @param job the job
   * @return its times
   * @throws IllegalStateException when Python fails or takes more than an hour
   */
  public Timing time(Job job) {
    JsonNode output = execute(Map.of("jobs", List.of(job)), JOB_TIMEOUT);
    List<Double> seconds = new ArrayList<>();
    output.get("timings").get(0).get("times_s").forEach(time -> seconds.add(time.asDouble()));
    return new Timing(seconds, output.get("import_s").asDouble());
  }

  private JsonNode execute(Map<String, Object> work, Duration timeout) {
    Map<String, Object> request = new LinkedHashMap<>(work);
    request.put("table_name", tableName);
    request.put("bucket", bucketName);
    request.put("namespace", namespace);
    try {
      ProcessBuilder builder =
          new ProcessBuilder(PythonVirtualEnv.shared().python().toString(), Script.FILE.toString());
      builder.environment().putAll(environment);
      Process process = builder.start();
      CompletableFuture<byte[]> stdout =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(JSON.writeValueAsBytes(request));
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "The Python original failed:\n" + new String(stderr.join(), StandardCharsets.UTF_8));
      }
      return JSON.readTree(stdout.join());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run the Python original", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted running the Python original", e);
    }
  }

  private static byte[] readAll(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The driver script, copied once to a file: Python cannot run it from inside a jar. */
  private static final class Script {

    static final Path FILE = extract();

    private static Path extract() {
      try (InputStream in =
          PythonOriginal.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing classpath resource " + SCRIPT_RESOURCE);
        }
        Path file = Files.createTempFile("py2sfn_original", ".py");
        file.toFile().deleteOnExit();
        Files.write(file, in.readAllBytes());
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot copy " + SCRIPT_RESOURCE, e);
      }
    }
  }
}
