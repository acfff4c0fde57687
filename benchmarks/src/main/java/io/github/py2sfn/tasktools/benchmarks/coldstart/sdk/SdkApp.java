package io.github.py2sfn.tasktools.benchmarks.coldstart.sdk;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bare app plus hand-written AWS SDK code doing what the starter app's task does (PutItem then
 * consistent GetItem of the input as JSON, in the py2sfn format): what the AWS SDK itself costs at
 * cold start, without this library. Same HTTP client and retry mode as the starter's clients.
 */
@SpringBootApplication
public class SdkApp {

  @Bean
  DynamoDbClient dynamoDbClient(
      @Value("${bench.endpoint}") URI endpoint, @Value("${bench.region}") String region) {
    return DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .overrideConfiguration(configuration -> configuration.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  @Bean
  Function<Map<String, Object>, Map<String, Object>> sdkTask(
      DynamoDbClient dynamoDb, JsonMapper json, @Value("${bench.table}") String table) {
    return event -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) event.get("meta");
      Object data = event.get("data");
      String partitionKey = meta.get("sfn_execution_name") + ":greeting";
      Map<String, AttributeValue> key =
          Map.of(
              "partition_key",
              AttributeValue.fromS(partitionKey),
              "sort_key",
              AttributeValue.fromN("0"));
      dynamoDb.putItem(
          request ->
              request
                  .tableName(table)
                  .item(
                      Map.of(
                          "partition_key", key.get("partition_key"),
                          "sort_key", key.get("sort_key"),
                          "expires_at",
                              AttributeValue.fromN(
                                  Long.toString(
                                      Instant.now().plus(7, ChronoUnit.DAYS).getEpochSecond())),
                          "data", AttributeValue.fromS(json.writeValueAsString(data)))));
      String stored =
          dynamoDb
              .getItem(request -> request.tableName(table).key(key).consistentRead(true))
              .item()
              .get("data")
              .s();
      Map<?, ?> loaded = json.readValue(stored, Map.class);
      return Map.of(
          "table_name",
          table,
          "partition_key",
          partitionKey,
          "key",
          "greeting",
          "fields",
          loaded.size());
    };
  }
}
