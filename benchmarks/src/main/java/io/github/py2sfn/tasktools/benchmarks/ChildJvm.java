package io.github.py2sfn.tasktools.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A fresh JVM the harness starts for one measurement (cold start, capped heap): it reports its
 * figures as one output line {@code <MARKER> {json}}.
 */
final class ChildJvm {

  private final List<String> command;
  private final List<String> output;

  private ChildJvm(List<String> command, List<String> output) {
    this.command = command;
    this.output = output;
  }

  /** Runs the command to its end, or kills it after the timeout, keeping everything it printed. */
  static ChildJvm run(List<String> command, Duration timeout) {
    List<String> output = new ArrayList<>();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.add(line);
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      return new ChildJvm(command, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last line that starts with {@code marker}, without the marker. */
  Optional<String> line(String marker) {
    Optional<String> found = Optional.empty();
    for (String line : output) {
      if (line.startsWith(marker)) {
        found = Optional.of(line.substring(marker.length()));
      }
    }
    return found;
  }

  /** The JSON of the last line that starts with {@code marker}. */
  Optional<JsonNode> json(String marker) {
    return line(marker).map(Json.MAPPER::readTree);
  }

  /** A failure naming the command and showing the last {@code lines} lines it printed. */
  IllegalStateException failure(String what, int lines) {
    return new IllegalStateException(
        what
            + " ("
            + command
            + "):\n"
            + String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size())));
  }
}
