package io.github.py2sfn.tasktools.benchmarks.coldstart;

import java.net.URI;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Cold-start profile of what the starter builds eagerly: the time to build each AWS SDK client in a
 * fresh JVM, in the starter's order (DynamoDB, S3, Step Functions), as the starter configures them.
 * {@code java -cp <classpath-starter> ...ClientBuildProfile [order...]}; prints one line per
 * client.
 */
public final class ClientBuildProfile {

  private ClientBuildProfile() {}

  public static void main(String[] args) {
    String[] order = args.length > 0 ? args : new String[] {"dynamodb", "s3", "sfn"};
    URI endpoint = URI.create("http://127.0.0.1:1");
    boolean reflect = Boolean.getBoolean("reflect");
    for (String client : order) {
      long start = System.nanoTime();
      Object built =
          switch (client) {
            case "dynamodb" ->
                DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1)
                    .endpointOverride(endpoint)
                    .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                    .build();
            case "s3" ->
                S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1)
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                    .build();
            case "sfn" ->
                SfnClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.US_EAST_1)
                    .endpointOverride(endpoint)
                    .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                    .build();
            default -> throw new IllegalArgumentException(client);
          };
      System.out.printf("build %-8s %6.1f ms%n", client, (System.nanoTime() - start) / 1e6);
      if (reflect) {
        // What Spring's bean post-processing does with a bean's class (annotation and
        // destroy-method introspection): every type in a method signature gets loaded.
        long reflectStart = System.nanoTime();
        int methods = built.getClass().getDeclaredMethods().length;
        System.out.printf(
            "reflect %-8s %6.1f ms (%d methods)%n",
            client, (System.nanoTime() - reflectStart) / 1e6, methods);
      }
    }
  }
}
