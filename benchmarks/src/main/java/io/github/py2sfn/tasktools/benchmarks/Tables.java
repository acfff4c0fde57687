package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import java.util.ArrayList;
import java.util.List;

/**
 * Fresh tables of one workload case, dropped together at its end. Every contender writes to tables
 * of its own, and getItems reads a table holding only the partition it reads: moto's Query walks
 * the whole table on every call (DynamoDB's cost depends only on what the query reads), so shared,
 * growing tables would make the emulator, not the contenders, dominate the reads and the library's
 * stale-item Query.
 */
final class Tables implements AutoCloseable {

  private final AwsEmulator aws;
  private final List<String> created = new ArrayList<>();

  Tables(AwsEmulator aws) {
    this.aws = aws;
  }

  /** A fresh state-data table. */
  String fresh() {
    String table = aws.createStateDataTable();
    created.add(table);
    return table;
  }

  /** Each contender on a fresh table of its own. */
  List<Contender> ownTablesFor(List<Contender> contenders) {
    return contenders.stream().map(contender -> contender.on(fresh())).toList();
  }

  @Override
  public void close() {
    for (String table : created) {
      try {
        aws.dynamoDbClient().deleteTable(request -> request.tableName(table));
      } catch (RuntimeException e) {
        Progress.log("could not delete table " + table + ": " + e);
      }
    }
  }
}
