package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonVirtualEnv;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs operations of the real Python py2sfn-task-tools 1.0.2 (installed in the test harness's
 * virtualenv) against the same emulator, in one Python process per {@link #run()}.
 */
final class PythonOriginal {

  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final String namespace;
  private final List<Map<String, Object>> calls = new ArrayList<>();

  PythonOriginal(AwsEmulator aws, StateDataResources resources, String namespace) {
    this.aws = aws;
    this.resources = resources;
    this.namespace = namespace;
  }

  /** Queues a call of a {@code StateDataClient} method of the Python library. */
  PythonOriginal call(String operation, Object... namesAndValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    calls.add(Map.of("op", operation, "args", args));
    return this;
  }

  /** Runs the queued calls in order and returns their results. */
  List<JsonNode> run() throws IOException, InterruptedException {
    Map<String, Object> request =
        Map.of(
            "table_name",
            resources.tableName(),
            "bucket",
            resources.bucketName(),
            "namespace",
            namespace,
            "calls",
            calls);
    ProcessBuilder builder =
        new ProcessBuilder(PythonVirtualEnv.shared().python().toString(), script().toString());
    builder.environment().putAll(aws.pythonEnvironment());
    Process process = builder.start();
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(JSON.writeValueAsBytes(request));
    }
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "The Python original failed:\n" + new String(stderr.join(), StandardCharsets.UTF_8));
    }
    calls.clear();
    List<JsonNode> results = new ArrayList<>();
    JSON.readTree(stdout.join()).forEach(results::add);
    return results;
  }

  private static Path script() {
    try {
      return Path.of(PythonOriginal.class.getResource("/interop/py2sfn_interop.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(java.io.InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
