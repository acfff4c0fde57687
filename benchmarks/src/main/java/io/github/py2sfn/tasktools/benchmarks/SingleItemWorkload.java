package io.github.py2sfn.tasktools.benchmarks;

import static io.github.py2sfn.tasktools.benchmarks.Payloads.KB;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.util.List;

/**
 * W4: single putItem / getItem of a 1 KB item, {@code --calls} calls each, the contenders
 * interleaved call by call.
 */
final class SingleItemWorkload {

  private static final String VARIANT = "1 x 1KB";

  private final Options options;
  private final AwsEmulator aws;

  SingleItemWorkload(Options options, AwsEmulator aws) {
    this.options = options;
    this.aws = aws;
  }

  void run(List<Contender> java, Sampling sampling) {
    Element element = Payloads.element(0, KB);
    try (Tables tables = new Tables(aws)) {
      List<Contender> contenders = tables.ownTablesFor(java);
      sampling.calls(
          "W4 putItem",
          VARIANT,
          options.callWarmup(),
          options.calls(),
          contenders,
          contender -> () -> contender.putItem(key(contender), element));
      sampling.calls(
          "W4 getItem",
          VARIANT,
          options.callWarmup(),
          options.calls(),
          contenders,
          contender ->
              () -> {
                if (contender.getItem(key(contender)).index() != 0) {
                  throw new IllegalStateException("wrong item");
                }
              });
      String pythonTable = tables.fresh();
      sampling.python(
          "W4 putItem",
          VARIANT,
          1,
          pythonTable,
          new PythonOriginal.Job(
              "put_item", "w4-python", 1, KB, options.callWarmup(), options.calls()));
      sampling.python(
          "W4 getItem",
          VARIANT,
          1,
          pythonTable,
          new PythonOriginal.Job(
              "get_item", "w4-python", 1, KB, options.callWarmup(), options.calls()));
    }
  }

  private static String key(Contender contender) {
    return "w4-" + contender.name();
  }
}
