package io.github.py2sfn.tasktools.benchmarks;

import static io.github.py2sfn.tasktools.benchmarks.Payloads.KB;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W2: getItems of the W1 list sizes, from a partition the library writes once before all runs:
 * every contender reads the same data, from a table that holds only that partition (see {@link
 * Tables}).
 */
final class GetItemsWorkload {

  private final Options options;
  private final Map<Integer, String> tablesByCount;

  private GetItemsWorkload(Options options, Map<Integer, String> tablesByCount) {
    this.options = options;
    this.tablesByCount = tablesByCount;
  }

  /** Writes the lists every contender reads, straight to the emulator; the tables are kept. */
  static GetItemsWorkload prepare(Options options, AwsEmulator aws, String bucket) {
    Map<Integer, String> tablesByCount = new LinkedHashMap<>();
    try (Clients clients =
        Clients.create(aws.endpoint(), aws.region().id(), options.httpClient())) {
      for (int count : options.itemCounts()) {
        String table = aws.createStateDataTable();
        tablesByCount.put(count, table);
        new LibraryContender(clients.dynamoDb(), clients.s3(), table, bucket, Contender.NAMESPACE)
            .putItems(key(count), Payloads.elements(count, KB));
      }
    }
    return new GetItemsWorkload(options, tablesByCount);
  }

  private static String key(int count) {
    return "get-" + count;
  }

  void run(List<Contender> java, Sampling sampling) {
    for (int count : options.itemCounts()) {
      String variant = count + " x 1KB";
      String table = tablesByCount.get(count);
      sampling.runs(
          "W2 getItems",
          variant,
          count,
          options.warmup(),
          options.runs(),
          java.stream().map(contender -> contender.on(table)).toList(),
          contender -> () -> Payloads.verify(contender.getItems(key(count), count), count, KB));
      sampling.python(
          "W2 getItems",
          variant,
          count,
          table,
          new PythonOriginal.Job(
              "get_items", key(count), count, KB, options.pythonWarmup(), options.runs()));
    }
  }
}
