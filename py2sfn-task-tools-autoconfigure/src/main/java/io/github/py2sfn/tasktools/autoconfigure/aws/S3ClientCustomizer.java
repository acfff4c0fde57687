package io.github.py2sfn.tasktools.autoconfigure.aws;

import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Tunes the S3 client that the auto-configuration builds (it is not applied to a client the
 * application defines itself). Customizer beans run in {@code @Order}.
 */
@FunctionalInterface
public interface S3ClientCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the client builder, with region, endpoint and HTTP client already set
   */
  void customize(S3ClientBuilder builder);
}
