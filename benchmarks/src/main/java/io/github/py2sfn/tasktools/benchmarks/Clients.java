package io.github.py2sfn.tasktools.benchmarks;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB and S3 clients as the starter builds them (URL-connection HTTP client, standard retry
 * mode), pointed at an endpoint (the emulator or the latency proxy). Every Java contender uses the
 * same client instances, so the comparison is of what is built on top of them.
 */
record Clients(DynamoDbClient dynamoDb, S3Client s3, SdkHttpClient http) implements AutoCloseable {

  /**
   * @param httpClient {@code urlconnection} (what the starter uses) or {@code apache5}
   */
  static Clients create(URI endpoint, String region, String httpClient) {
    SdkHttpClient http =
        switch (httpClient) {
          case "urlconnection" -> UrlConnectionHttpClient.builder().build();
          case "apache5" -> Apache5HttpClient.builder().maxConnections(64).build();
          default ->
              throw new IllegalArgumentException(
                  "--http-client urlconnection|apache5, not " + httpClient);
        };
    DynamoDbClient dynamoDb = configure(DynamoDbClient.builder(), endpoint, region, http).build();
    S3Client s3 =
        configure(S3Client.builder().forcePathStyle(true), endpoint, region, http).build();
    return new Clients(dynamoDb, s3, http);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, URI endpoint, String region, SdkHttpClient http) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(http)
        .overrideConfiguration(
            configuration ->
                configuration
                    .retryStrategy(RetryMode.STANDARD)
                    .apiCallTimeout(Duration.ofMinutes(2)));
  }

  @Override
  public void close() {
    dynamoDb.close();
    s3.close();
    http.close();
  }
}
