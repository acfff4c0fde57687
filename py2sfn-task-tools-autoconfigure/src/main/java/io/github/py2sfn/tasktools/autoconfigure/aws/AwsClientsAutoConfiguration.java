package io.github.py2sfn.tasktools.autoconfigure.aws;

import io.github.py2sfn.tasktools.InvocationDeadlineInterceptor;
import io.github.py2sfn.tasktools.autoconfigure.Py2sfnProperties;
import io.github.py2sfn.tasktools.state.StateDataClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The DynamoDB, S3 and Step Functions clients, each built only when the application (or Spring
 * Cloud AWS) has not defined one. They use the URL-connection HTTP client (the library's), which
 * starts faster on Lambda than the Apache or Netty clients, a retry strategy of the standard retry
 * mode chosen per service, the attempt and call timeouts of {@code py2sfn.aws.*}, an {@link
 * InvocationDeadlineInterceptor} (calls made by a task end before its Lambda invocation's timeout),
 * {@code py2sfn.region} and {@code py2sfn.endpoint} when set, and a user-agent suffix.
 *
 * <p>A call that keeps failing with throttling, a 5xx error, a timeout or a connection reset is
 * made at most 9 times on DynamoDB (the SDK's count for DynamoDB, backed off from 25 ms for
 * throttling too) and 3 times on S3 and Step Functions (the standard mode's strategy). The standard
 * mode on its own would give DynamoDB the generic strategy and its 3 attempts; the SDK's default,
 * the legacy mode, makes 9, 4 and 4. A customizer's retry settings replace these.
 */
@AutoConfiguration
@ConditionalOnClass(StateDataClient.class)
@EnableConfigurationProperties(Py2sfnProperties.class)
public class AwsClientsAutoConfiguration {

  /** Identifies this library's traffic in AWS logs. */
  static final String USER_AGENT_SUFFIX = "py2sfn-task-tools-java";

  /** The DynamoDB client. */
  @Configuration(proxyBeanMethods = false)
  static class DynamoDbClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(
        Py2sfnProperties properties, ObjectProvider<DynamoDbClientCustomizer> customizers) {
      return build(
          DynamoDbClient.builder(),
          properties,
          customizers.orderedStream().map(customizer -> customizer::customize),
          dynamoDbRetryStrategy());
    }
  }

  /** The S3 client: path-style addressing when an endpoint override is set. */
  @Configuration(proxyBeanMethods = false)
  static class S3ClientConfiguration {

    // Lazy: built when the first item is offloaded, not at start-up (cold start).
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    S3Client s3Client(Py2sfnProperties properties, ObjectProvider<S3ClientCustomizer> customizers) {
      S3ClientBuilder builder = S3Client.builder().forcePathStyle(properties.getEndpoint() != null);
      return build(
          builder,
          properties,
          customizers.orderedStream().map(customizer -> customizer::customize),
          AwsRetryStrategy.standardRetryStrategy());
    }
  }

  /** The Step Functions client. */
  @Configuration(proxyBeanMethods = false)
  static class SfnClientConfiguration {

    // Lazy: built when a task first stops its execution, not at start-up (cold start).
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    SfnClient sfnClient(
        Py2sfnProperties properties, ObjectProvider<SfnClientCustomizer> customizers) {
      return build(
          SfnClient.builder(),
          properties,
          customizers.orderedStream().map(customizer -> customizer::customize),
          AwsRetryStrategy.standardRetryStrategy());
    }
  }

  /**
   * The DynamoDB client's retry strategy: the one the SDK gives DynamoDB in the standard retry mode
   * (9 attempts, backoff from 25 ms), with throttling backed off alike rather than from the
   * standard mode's 1 s, as boto3 (which the Python original uses) does for DynamoDB. DynamoDB
   * answers within milliseconds and its throttling is short-lived; the 8 retries then wait 6.4 s at
   * most, so a throttled call settles well within a Lambda task's time instead of running into its
   * timeout after a few attempts.
   *
   * @return a new strategy (each client has its own retry quota)
   */
  private static RetryStrategy dynamoDbRetryStrategy() {
    BackoffStrategy fromTwentyFiveMillis =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(20));
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(9)
        .backoffStrategy(fromTwentyFiveMillis)
        .throttlingBackoffStrategy(fromTwentyFiveMillis)
        .build();
  }

  /**
   * Applies the shared settings, the customizers in order, then the defaults they left unset.
   *
   * @param retryStrategy the service's retry strategy, unless a customizer set retries
   */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder,
      Py2sfnProperties properties,
      Stream<Consumer<B>> customizers,
      RetryStrategy retryStrategy) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    if (properties.getRegion() != null) {
      builder.region(Region.of(properties.getRegion()));
    }
    if (properties.getEndpoint() != null) {
      builder.endpointOverride(properties.getEndpoint());
    }
    customizers.forEach(customizer -> customizer.accept(builder));
    // Defaults go in after the customizers, where they left a setting unset: the SDK's
    // overrideConfiguration(Consumer) starts from an empty configuration, so settings made before
    // a customizer that uses it would be lost.
    ClientOverrideConfiguration customized = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder withDefaults = customized.toBuilder();
    if (customized.retryStrategy().isEmpty()
        && customized.retryMode().isEmpty()
        && customized.retryStrategyConfigurator().isEmpty()
        && customized.retryPolicy().isEmpty()) {
      withDefaults.retryStrategy(retryStrategy);
    }
    if (customized.apiCallAttemptTimeout().isEmpty()) {
      withDefaults.apiCallAttemptTimeout(properties.getAws().getApiCallAttemptTimeout());
    }
    if (customized.apiCallTimeout().isEmpty()) {
      withDefaults.apiCallTimeout(properties.getAws().getApiCallTimeout());
    }
    withDefaults.addExecutionInterceptor(
        new InvocationDeadlineInterceptor(
            customized.apiCallTimeout().orElse(properties.getAws().getApiCallTimeout())));
    if (customized.advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX).isEmpty()) {
      withDefaults.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX);
    }
    builder.overrideConfiguration(withDefaults.build());
    return builder.build();
  }
}
