package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * This library: a {@link StateDataClient} with its defaults (16 parallel calls), as a task gets it.
 * It reads lists as the Python vocabulary does (one paged Query) or, as {@link
 * Contender#LIBRARY_POINTER}, through their pointer (parallel range Queries).
 */
final class LibraryContender implements Contender {

  private final StateDataClient stateData;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final String table;
  private final String bucket;
  private final String namespace;
  private final boolean throughPointer;

  LibraryContender(
      DynamoDbClient dynamoDb, S3Client s3, String table, String bucket, String namespace) {
    this(dynamoDb, s3, table, bucket, namespace, false);
  }

  LibraryContender(
      DynamoDbClient dynamoDb,
      S3Client s3,
      String table,
      String bucket,
      String namespace,
      boolean throughPointer) {
    this.throughPointer = throughPointer;
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.table = table;
    this.bucket = bucket;
    this.namespace = namespace;
    this.stateData =
        StateDataClient.builder()
            .dynamoDbClient(dynamoDb)
            .s3Client(s3)
            .tableName(table)
            .bucket(bucket)
            .namespace(namespace)
            .build();
  }

  @Override
  public String name() {
    return throughPointer ? LIBRARY_POINTER : LIBRARY;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public Contender on(String table) {
    return new LibraryContender(dynamoDb, s3, table, bucket, namespace, throughPointer);
  }

  @Override
  public void putItems(String key, List<Element> elements) {
    stateData.putItems(key, elements);
  }

  @Override
  public List<Element> getItems(String key, int count) {
    if (!throughPointer) {
      return stateData.getItems(key, Element.class);
    }
    ItemRef.Global list = stateData.resolve(ItemRef.local(key));
    ItemsPointer pointer = ItemsPointer.of(list.tableName(), list.partitionKey(), key, count);
    return stateData.getAll(ListRef.of(pointer), Element.class);
  }

  @Override
  public void putItem(String key, Element element) {
    stateData.putItem(key, element);
  }

  @Override
  public Element getItem(String key) {
    return stateData.getItem(key, Element.class);
  }
}
