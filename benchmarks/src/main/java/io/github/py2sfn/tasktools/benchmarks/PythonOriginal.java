package io.github.py2sfn.tasktools.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Runs jobs of the Python original (py2sfn-task-tools 1.0.2 from the harness's virtualenv) in one
 * Python process, pointed at an endpoint through DYNAMODB_ENDPOINT_URL / S3_ENDPOINT_URL.
 */
final class PythonOriginal {

  record Job(String op, String key, int count, int size, int warmup, int runs) {}

  record Outcome(List<List<Double>> times, double importSeconds) {}

  private final Path python;
  private final Path script;
  private final Map<String, String> environment;

  PythonOriginal(Path python, Map<String, String> baseEnvironment, URI endpoint) {
    this.python = python;
    this.script = extractScript();
    this.environment = new LinkedHashMap<>(baseEnvironment);
    environment.put("AWS_ENDPOINT_URL", endpoint.toString());
    environment.put("DYNAMODB_ENDPOINT_URL", endpoint.toString());
    environment.put("S3_ENDPOINT_URL", endpoint.toString());
  }

  Outcome run(String table, String bucket, String namespace, List<Job> jobs) {
    Map<String, Object> request =
        Map.of("table_name", table, "bucket", bucket, "namespace", namespace, "jobs", jobs);
    try {
      ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString());
      builder.environment().putAll(environment);
      Process process = builder.start();
      CompletableFuture<byte[]> stdout =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(Json.MAPPER.writeValueAsBytes(request));
      }
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "The Python original failed:\n" + new String(stderr.join(), StandardCharsets.UTF_8));
      }
      JsonNode output = Json.MAPPER.readTree(stdout.join());
      List<List<Double>> times = new ArrayList<>();
      for (JsonNode result : output.get("results")) {
        List<Double> jobTimes = new ArrayList<>();
        result.get("times_s").forEach(time -> jobTimes.add(time.asDouble()));
        times.add(jobTimes);
      }
      return new Outcome(times, output.get("import_s").asDouble());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path extractScript() {
    try (InputStream in = PythonOriginal.class.getResourceAsStream("/py2sfn_bench.py")) {
      Path file = Files.createTempFile("py2sfn_bench", ".py");
      file.toFile().deleteOnExit();
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
