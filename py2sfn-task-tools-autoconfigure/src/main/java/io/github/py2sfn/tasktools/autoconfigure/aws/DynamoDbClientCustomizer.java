package io.github.py2sfn.tasktools.autoconfigure.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Tunes the DynamoDB client that the auto-configuration builds (it is not applied to a client the
 * application defines itself). Customizer beans run in {@code @Order}.
 */
@FunctionalInterface
public interface DynamoDbClientCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the client builder, with region, endpoint and HTTP client already set
   */
  void customize(DynamoDbClientBuilder builder);
}
