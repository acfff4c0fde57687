package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * W5: cold starts. Each sample is a fresh JVM ({@code java -cp <app classpath> Launcher}) that
 * creates the AWS adapter's FunctionInvoker and handles one py2sfn event; the wall time is from
 * just before the harness spawns the process to the response (both on the same clock). The apps run
 * with only their own dependencies (target/classpath-*.txt, written by the build):
 *
 * <ul>
 *   <li>{@code bare}: a Spring Cloud Function app with a plain function (no library, no AWS SDK);
 *   <li>{@code bare+sdk}: the same with hand-written AWS SDK code doing the starter task's two
 *       DynamoDB calls (what the SDK itself costs);
 *   <li>{@code starter-noop}: the starter, a TaskHandler reading only TaskContext;
 *   <li>{@code starter}: the starter, a TaskHandler using TaskContext and state data (putItem,
 *       getItem).
 * </ul>
 *
 * JVM variants: {@code default}; {@code tiered1+serialgc} ({@code -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC}); {@code appcds+tiered1+serialgc}, the same with an AppCDS archive of the app
 * made by a training run ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}).
 */
final class ColdStart {

  record App(
      String name, String mainClass, String classpathFile, String definition, String expect) {}

  record Variant(String name, List<String> jvmOptions, boolean appCds) {}

  static final List<App> APPS =
      List.of(
          new App(
              "bare",
              "io.github.py2sfn.tasktools.benchmarks.coldstart.bare.BareApp",
              "classpath-bare.txt",
              "hello",
              "greeting"),
          new App(
              "bare+sdk",
              "io.github.py2sfn.tasktools.benchmarks.coldstart.sdk.SdkApp",
              "classpath-sdk.txt",
              "sdkTask",
              "partition_key"),
          new App(
              "starter-noop",
              "io.github.py2sfn.tasktools.benchmarks.coldstart.starter.StarterApp",
              "classpath-starter.txt",
              "noopTask",
              "execution"),
          new App(
              "starter",
              "io.github.py2sfn.tasktools.benchmarks.coldstart.starter.StarterApp",
              "classpath-starter.txt",
              "stateDataTask",
              "partition_key"));

  static final List<String> TUNED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  static final List<Variant> VARIANTS =
      List.of(
          new Variant("default", List.of(), false),
          new Variant("tiered1+serialgc", TUNED, false),
          new Variant("appcds+tiered1+serialgc", TUNED, true));

  private final Options options;
  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final List<Row> rows;
  private final Path targetDirectory;
  private final Path workDirectory;

  ColdStart(Options options, AwsEmulator aws, StateDataResources resources, List<Row> rows) {
    this.options = options;
    this.aws = aws;
    this.resources = resources;
    this.rows = rows;
    this.targetDirectory = benchmarkJar().getParent();
    this.workDirectory = targetDirectory.resolve("coldstart");
  }

  /** The jar of this module. */
  static Path benchmarkJar() {
    return jarOf(ColdStart.class);
  }

  /**
   * The jar a class of the harness comes from (CDS archives only classes from jars, so apps run
   * from jars, not from classes/).
   */
  private static Path jarOf(Class<?> type) {
    try {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalStateException(
            "Run the harness from the packaged jar (benchmarks/run.sh), not " + location);
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String classpath(Path targetDirectory, String classpathFile) {
    try {
      return benchmarkJar()
          + File.pathSeparator
          + Files.readString(targetDirectory.resolve(classpathFile), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Missing " + classpathFile + ": build with benchmarks/run.sh", e);
    }
  }

  void run() throws IOException {
    Files.createDirectories(workDirectory);
    Path event = workDirectory.resolve("event.json");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("sfn_execution_name", "coldstart-exec");
    meta.put("sfn_state_name", "Greet");
    meta.put("sfn_state_machine_name", "bench");
    meta.put("trace_id", "trace-1");
    meta.put("trace_source", "bench");
    Files.write(
        event,
        Json.MAPPER.writeValueAsBytes(
            Map.of("meta", meta, "data", Payloads.element(0, Payloads.KB))));
    for (double latency : options.latencies()) {
      try (LatencyEndpoint endpoint =
          LatencyEndpoint.open(aws.endpoint(), latency, options.connectLatencyMs())) {
        for (Variant variant : VARIANTS) {
          if (variant.appCds()) {
            for (App app : APPS) {
              Path archive = archive(app);
              Files.deleteIfExists(archive);
              List<String> training = new ArrayList<>(variant.jvmOptions());
              training.add("-XX:ArchiveClassesAtExit=" + archive);
              Progress.log("W5 training run for the AppCDS archive of " + app.name());
              launch(app, training, endpoint.uri(), event);
            }
          }
          Map<String, List<JsonNode>> samples = new LinkedHashMap<>();
          Map<String, List<Double>> walls = new LinkedHashMap<>();
          for (int repetition = 0; repetition < options.coldStartRepetitions(); repetition++) {
            for (App app : APPS) { // interleaved, so that machine load affects all apps alike
              List<String> jvm = new ArrayList<>(variant.jvmOptions());
              if (variant.appCds()) {
                jvm.add("-XX:SharedArchiveFile=" + archive(app));
                jvm.add("-Xshare:auto");
              }
              long spawned = System.currentTimeMillis();
              JsonNode sample = launch(app, jvm, endpoint.uri(), event);
              walls
                  .computeIfAbsent(app.name(), name -> new ArrayList<>())
                  .add((sample.get("responded").asLong() - spawned) / 1000.0);
              samples.computeIfAbsent(app.name(), name -> new ArrayList<>()).add(sample);
            }
          }
          for (App app : APPS) {
            List<JsonNode> appSamples = samples.get(app.name());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("spawnToMainMs", spawnToMainMedian(appSamples, walls.get(app.name())));
            extra.put(
                "jvmStartToResponseMs",
                median(appSamples, s -> s.get("responded").asLong() - s.get("jvmStart").asLong()));
            extra.put(
                "invokerConstructorMs",
                median(
                    appSamples,
                    s -> s.get("invokerReady").asLong() - s.get("mainEntered").asLong()));
            extra.put(
                "firstCallMs",
                median(
                    appSamples, s -> s.get("responded").asLong() - s.get("invokerReady").asLong()));
            extra.put(
                "heapUsedMB", median(appSamples, s -> s.get("heapUsed").asLong() / 1048576.0));
            extra.put(
                "heapAfterGcMB",
                median(appSamples, s -> s.get("heapUsedAfterGc").asLong() / 1048576.0));
            extra.put(
                "loadedClasses", median(appSamples, s -> s.get("loadedClasses").asLong() + 0.0));
            rows.add(
                new Row(
                    "W5 cold start",
                    variant.name(),
                    app.name(),
                    latency,
                    "jvm",
                    0,
                    Stats.of(walls.get(app.name())),
                    extra));
            Progress.log(
                String.format(
                    "  W5 %-24s %-13s latency %s: wall median %.0f ms %s",
                    variant.name(),
                    app.name(),
                    latency,
                    Stats.of(walls.get(app.name())).median() * 1000,
                    extra));
          }
        }
      }
    }
  }

  private interface Figure {
    double of(JsonNode sample);
  }

  private static double median(List<JsonNode> samples, Figure figure) {
    return Math.round(Stats.of(samples.stream().map(figure::of).toList()).median() * 10) / 10.0;
  }

  /** Milliseconds from spawn to main: wall minus (response - main entry). */
  private static double spawnToMainMedian(List<JsonNode> samples, List<Double> walls) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      JsonNode s = samples.get(i);
      values.add(
          walls.get(i) * 1000 - (s.get("responded").asLong() - s.get("mainEntered").asLong()));
    }
    return Math.round(Stats.of(values).median() * 10) / 10.0;
  }

  private Path archive(App app) {
    return workDirectory.resolve(app.name().replace('+', '-') + "-" + app.definition() + ".jsa");
  }

  private JsonNode launch(App app, List<String> jvmOptions, URI endpoint, Path event) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    // The Launcher's LocalLambdaContext: the test emulator's jar alone, none of its dependencies.
    command.add(
        classpath(targetDirectory, app.classpathFile())
            + File.pathSeparator
            + jarOf(LocalLambdaContext.class));
    command.add("-DMAIN_CLASS=" + app.mainClass());
    command.add("-Dspring.cloud.function.definition=" + app.definition());
    command.add("-Dbench.event.file=" + event);
    command.add("-Dbench.endpoint=" + endpoint);
    command.add("-Dbench.region=" + aws.region().id());
    command.add("-Dbench.table=" + resources.tableName());
    command.add("-Dpy2sfn.table-name=" + resources.tableName());
    command.add("-Dpy2sfn.bucket=" + resources.bucketName());
    command.add("-Dpy2sfn.endpoint=" + endpoint);
    command.add("-Dpy2sfn.region=" + aws.region().id());
    command.add("-Dpy2sfn.account-id=" + aws.accountId());
    command.add("-Daws.accessKeyId=test");
    command.add("-Daws.secretAccessKey=test");
    command.add("io.github.py2sfn.tasktools.benchmarks.coldstart.Launcher");
    ChildJvm jvm = ChildJvm.run(command, Duration.ofMinutes(3));
    Optional<JsonNode> result = jvm.json("COLDSTART ");
    boolean answered =
        jvm.line("RESPONSE ").filter(response -> response.contains(app.expect())).isPresent();
    if (result.isEmpty() || !answered) {
      throw jvm.failure("Cold start of " + app.name() + " failed", 60);
    }
    return result.get();
  }
}
