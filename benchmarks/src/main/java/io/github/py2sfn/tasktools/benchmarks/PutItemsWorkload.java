package io.github.py2sfn.tasktools.benchmarks;

import static io.github.py2sfn.tasktools.benchmarks.Payloads.KB;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.benchmarks.Sampling.Samples;
import io.github.py2sfn.tasktools.benchmarks.Sampling.Task;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * W1: putItems of lists of ~1 KB elements ({@code --items}), every contender on tables of its own.
 * The {@code W1 profile} rows time, alone, the stale-item Query the library sends after every
 * putItems.
 */
final class PutItemsWorkload {

  private final Options options;
  private final AwsEmulator aws;

  PutItemsWorkload(Options options, AwsEmulator aws) {
    this.options = options;
    this.aws = aws;
  }

  /**
   * @param dynamoDb the Java contenders' client, for the stale-item Query
   */
  void run(List<Contender> java, DynamoDbClient dynamoDb, Sampling sampling) {
    for (int count : options.itemCounts()) {
      List<Element> elements = Payloads.elements(count, KB);
      String variant = count + " x 1KB";
      try (Tables tables = new Tables(aws)) {
        List<Contender> contenders = tables.ownTablesFor(java);
        sampling.runs(
            "W1 putItems",
            variant,
            count,
            options.warmup(),
            options.runs(),
            contenders,
            contender ->
                () -> contender.putItems("w1-" + contender.name() + "-" + count, elements));
        sampling.python(
            "W1 putItems",
            variant,
            count,
            tables.fresh(),
            new PythonOriginal.Job(
                "put_items",
                "w1-python-" + count,
                count,
                KB,
                options.pythonWarmup(),
                options.runs()));
        contenders.stream()
            .filter(contender -> contender.name().equals(Contender.LIBRARY))
            .findFirst()
            .ifPresent(
                library ->
                    staleItemQuery(
                        dynamoDb,
                        sampling,
                        library.table(),
                        "w1-" + library.name() + "-" + count,
                        count));
      }
    }
  }

  /**
   * Times, alone, the Query of the library's stale-item cleanup ({@code
   * DefaultStateDataClient.deleteFrom}) after the putItems of {@code key}: keys only, {@code
   * sort_key >= count}, consistent.
   */
  private void staleItemQuery(
      DynamoDbClient dynamoDb, Sampling sampling, String table, String key, int count) {
    Task query =
        new Task(
            "library stale-item Query",
            () ->
                dynamoDb
                    .queryPaginator(
                        request ->
                            request
                                .tableName(table)
                                .consistentRead(true)
                                .keyConditionExpression("#pk = :pk AND #sk >= :from")
                                .expressionAttributeNames(
                                    Map.of("#pk", "partition_key", "#sk", "sort_key"))
                                .expressionAttributeValues(
                                    Map.of(
                                        ":pk",
                                        AttributeValue.fromS(Contender.NAMESPACE + ":" + key),
                                        ":from",
                                        AttributeValue.fromN(Integer.toString(count))))
                                .projectionExpression("#pk, #sk"))
                    .items()
                    .forEach(
                        item -> {
                          throw new IllegalStateException("unexpected stale item");
                        }));
    Samples samples =
        sampling.measure(List.of(query), options.warmup(), options.runs()).get(query.name());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("note", "the stale-item Query the library sends after each putItems, timed alone");
    if (sampling.proxied()) {
      extra.put("requestsPerRun", samples.meanOf(LatencyEndpoint.Counts::requests));
    }
    sampling.add(
        new Row(
            "W1 profile",
            count + " x 1KB",
            query.name(),
            sampling.latencyMs(),
            "query",
            0,
            Stats.of(samples.seconds()),
            extra));
  }
}
