package io.github.py2sfn.tasktools.benchmarks;

import java.time.Instant;

/** Progress lines of the harness, on standard error: standard output carries the report. */
final class Progress {

  private Progress() {}

  static void log(String message) {
    System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
  }
}
