package io.github.py2sfn.tasktools.benchmarks;

import static io.github.py2sfn.tasktools.benchmarks.Payloads.MB;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.util.List;
import java.util.Map;

/**
 * W3: putItems, then getItems of what was written, of {@code --big-items} elements of ~1 MB (all
 * offloaded to S3), one warm-up run each; {@code W3 put+get} adds the two.
 */
final class LargeItemsWorkload {

  private static final String PUT = "W3 putItems";
  private static final String GET = "W3 getItems";

  private final Options options;
  private final AwsEmulator aws;

  LargeItemsWorkload(Options options, AwsEmulator aws) {
    this.options = options;
    this.aws = aws;
  }

  void run(List<Contender> java, Sampling sampling) {
    int count = options.bigItemCount();
    List<Element> elements = Payloads.elements(count, MB);
    String variant = count + " x 1MB";
    try (Tables tables = new Tables(aws)) {
      List<Contender> contenders = tables.ownTablesFor(java);
      sampling.runs(
          PUT,
          variant,
          count,
          1,
          options.bigRuns(),
          contenders,
          contender -> () -> contender.putItems("w3-" + contender.name(), elements));
      sampling.runs(
          GET,
          variant,
          count,
          1,
          options.bigRuns(),
          contenders,
          contender ->
              () ->
                  Payloads.verify(contender.getItems("w3-" + contender.name(), count), count, MB));
      String pythonTable = tables.fresh();
      sampling.python(
          PUT,
          variant,
          count,
          pythonTable,
          new PythonOriginal.Job("put_items", "w3-python", count, MB, 1, options.bigRuns()));
      sampling.python(
          GET,
          variant,
          count,
          pythonTable,
          new PythonOriginal.Job("get_items", "w3-python", count, MB, 1, options.bigRuns()));
      addTotals(sampling, variant, count);
    }
  }

  /** put+get of the same runs (medians add; spread from the sums of the i-th put and i-th get). */
  private static void addTotals(Sampling sampling, String variant, int count) {
    List<Row> gets = sampling.rows(GET);
    for (Row put : sampling.rows(PUT)) {
      gets.stream()
          .filter(get -> get.contender().equals(put.contender()))
          .findFirst()
          .ifPresent(
              get ->
                  sampling.add(
                      new Row(
                          "W3 put+get",
                          variant,
                          put.contender(),
                          sampling.latencyMs(),
                          "run",
                          count,
                          new Stats(
                              put.seconds().n(),
                              put.seconds().median() + get.seconds().median(),
                              put.seconds().min() + get.seconds().min(),
                              put.seconds().max() + get.seconds().max(),
                              put.seconds().p25() + get.seconds().p25(),
                              put.seconds().p75() + get.seconds().p75(),
                              Double.NaN,
                              Double.NaN,
                              Double.NaN),
                          Map.of("note", "sum of the put and get figures"))));
    }
  }
}
