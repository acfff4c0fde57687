package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.benchmarks.Payloads.Element;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The practical upper bound: hand-written AWS SDK v2 code doing the same work in the same stored
 * format with no library on top. putItems: a fixed pool of 16 threads (the library's default
 * concurrency), each task serializes 25 elements (uploading big ones to S3 first) and sends one
 * BatchWriteItem, retrying UnprocessedItems; getItems: Query (all pages), then parallel GetObject
 * for offloaded elements. Same JSON mapper settings, same SDK clients as the library contender.
 */
final class BareSdkContender implements Contender, AutoCloseable {

  private static final int BATCH = 25;
  private static final int THRESHOLD = 390_000;

  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final String table;
  private final String bucket;
  private final String namespace;
  private final ExecutorService pool;

  BareSdkContender(
      DynamoDbClient dynamoDb, S3Client s3, String table, String bucket, String namespace) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.table = table;
    this.bucket = bucket;
    this.namespace = namespace;
    this.pool =
        Executors.newFixedThreadPool(
            16,
            task -> {
              Thread thread = new Thread(task, "bare-sdk");
              thread.setDaemon(true);
              return thread;
            });
  }

  private BareSdkContender(BareSdkContender other, String table) {
    this.dynamoDb = other.dynamoDb;
    this.s3 = other.s3;
    this.table = table;
    this.bucket = other.bucket;
    this.namespace = other.namespace;
    this.pool = other.pool;
  }

  @Override
  public Contender on(String table) {
    return new BareSdkContender(this, table);
  }

  @Override
  public String name() {
    return BARE_SDK;
  }

  @Override
  public String table() {
    return table;
  }

  private Map<String, AttributeValue> toItem(
      String partitionKey, int index, Object data, long expiresAt) {
    byte[] json = Json.MAPPER.writeValueAsBytes(data);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("partition_key", AttributeValue.fromS(partitionKey));
    item.put("sort_key", AttributeValue.fromN(Integer.toString(index)));
    item.put("expires_at", AttributeValue.fromN(Long.toString(expiresAt)));
    if (json.length > THRESHOLD) {
      String s3Key = "workflow_state_data/" + table + "/" + partitionKey + "/" + index;
      s3.putObject(
          request ->
              request
                  .bucket(bucket)
                  .key(s3Key)
                  .contentType("application/json")
                  .serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromBytes(json));
      item.put("s3_key", AttributeValue.fromS(s3Key));
    } else {
      item.put("data", AttributeValue.fromS(new String(json, StandardCharsets.UTF_8)));
    }
    return item;
  }

  private static long expiresAt() {
    return Instant.now().plus(7, ChronoUnit.DAYS).getEpochSecond();
  }

  @Override
  public void putItems(String key, List<Element> elements) {
    String partitionKey = namespace + ":" + key;
    long expiresAt = expiresAt();
    int count = elements.size();
    // 1. Serialize (and upload big elements to S3) in parallel: 16 threads, small chunks.
    @SuppressWarnings("unchecked")
    Map<String, AttributeValue>[] items = new Map[count];
    int chunk = Math.max(1, Math.min(BATCH, count / 64));
    List<Future<?>> futures = new ArrayList<>();
    for (int start = 0; start < count; start += chunk) {
      int from = start;
      int to = Math.min(count, start + chunk);
      futures.add(
          pool.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  items[i] = toItem(partitionKey, i, elements.get(i), expiresAt);
                }
                return null;
              }));
    }
    await(futures);
    // 2. BatchWriteItem, 25 items a call, 16 calls in parallel.
    futures.clear();
    for (int start = 0; start < count; start += BATCH) {
      int from = start;
      int to = Math.min(count, start + BATCH);
      futures.add(
          pool.submit(
              () -> {
                List<WriteRequest> requests = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                  requests.add(
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(items[i]).build())
                          .build());
                }
                batchWrite(requests);
                return null;
              }));
    }
    await(futures);
  }

  private void batchWrite(List<WriteRequest> requests) throws InterruptedException {
    List<WriteRequest> pending = requests;
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        if (attempt == 10) {
          throw new IllegalStateException(pending.size() + " items unprocessed after 10 attempts");
        }
        Thread.sleep(
            ThreadLocalRandom.current().nextLong(Math.min(5000, 50L << (attempt - 1)) + 1));
      }
      Map<String, List<WriteRequest>> items = Map.of(table, pending);
      pending =
          dynamoDb
              .batchWriteItem(request -> request.requestItems(items))
              .unprocessedItems()
              .getOrDefault(table, List.of());
    }
  }

  @Override
  public List<Element> getItems(String key, int count) {
    String partitionKey = namespace + ":" + key;
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            request ->
                request
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("partition_key = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey))))
        .items()
        .forEach(rows::add);
    Element[] result = new Element[rows.size()];
    List<Future<?>> futures = new ArrayList<>();
    for (int row = 0; row < rows.size(); row++) {
      Map<String, AttributeValue> item = rows.get(row);
      AttributeValue s3Key = item.get("s3_key");
      int at = row;
      if (s3Key != null) {
        futures.add(
            pool.submit(
                () -> {
                  try (ResponseInputStream<GetObjectResponse> body =
                      s3.getObject(request -> request.bucket(bucket).key(s3Key.s()))) {
                    result[at] = Json.MAPPER.readValue(body, Element.class);
                  }
                  return null;
                }));
      } else {
        result[at] = Json.MAPPER.readValue(item.get("data").s(), Element.class);
      }
    }
    await(futures);
    return List.of(result);
  }

  @Override
  public void putItem(String key, Element element) {
    Map<String, AttributeValue> item = toItem(namespace + ":" + key, 0, element, expiresAt());
    dynamoDb.putItem(request -> request.tableName(table).item(item));
  }

  @Override
  public Element getItem(String key) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                request ->
                    request
                        .tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "partition_key", AttributeValue.fromS(namespace + ":" + key),
                                "sort_key", AttributeValue.fromN("0"))))
            .item();
    AttributeValue s3Key = item.get("s3_key");
    if (s3Key != null) {
      try (ResponseInputStream<GetObjectResponse> body =
          s3.getObject(request -> request.bucket(bucket).key(s3Key.s()))) {
        return Json.MAPPER.readValue(body, Element.class);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return Json.MAPPER.readValue(item.get("data").s(), Element.class);
  }

  private static void await(List<Future<?>> futures) {
    try {
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
