package io.github.py2sfn.tasktools.autoconfigure.metrics;

import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Micrometer metrics of the state data operations ({@link MicrometerStateDataObserver}, which the
 * {@code StateDataClient} is given) and of AWS SDK retries ({@link SdkRetryMetricsInterceptor},
 * added to the clients the starter builds). Active when Micrometer is on the classpath and a {@code
 * MeterRegistry} bean exists; exclude it to turn it off. Recording costs a map lookup per
 * operation; exporting is up to the registry, never done by the operation itself.
 */
@AutoConfiguration(
    afterName = {
      StateDataMetricsAutoConfiguration.METRICS + "MetricsAutoConfiguration",
      StateDataMetricsAutoConfiguration.METRICS + "CompositeMeterRegistryAutoConfiguration",
      StateDataMetricsAutoConfiguration.METRICS
          + "export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, StateDataClient.class})
@ConditionalOnBean(MeterRegistry.class)
public class StateDataMetricsAutoConfiguration {

  /** The package of Spring Boot's Micrometer auto-configurations. */
  static final String METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.";

  /**
   * Adds the interceptor to what the builder already has: the SDK's overrideConfiguration(Consumer)
   * would replace the retry strategy and user agent set before.
   */
  private static ClientOverrideConfiguration withInterceptor(
      SdkClientBuilder<?, ?> builder, SdkRetryMetricsInterceptor interceptor) {
    return builder.overrideConfiguration().toBuilder().addExecutionInterceptor(interceptor).build();
  }

  @Bean
  @ConditionalOnMissingBean
  MicrometerStateDataObserver micrometerStateDataObserver(MeterRegistry registry) {
    return new MicrometerStateDataObserver(registry);
  }

  @Bean
  @ConditionalOnMissingBean
  SdkRetryMetricsInterceptor sdkRetryMetricsInterceptor(MeterRegistry registry) {
    return new SdkRetryMetricsInterceptor(registry);
  }

  /** Adds the retry counter to the DynamoDB client the starter builds. */
  @Bean
  DynamoDbClientCustomizer py2sfnDynamoDbRetryMetrics(SdkRetryMetricsInterceptor interceptor) {
    return builder -> builder.overrideConfiguration(withInterceptor(builder, interceptor));
  }

  /** Adds the retry counter to the S3 client the starter builds. */
  @Bean
  S3ClientCustomizer py2sfnS3RetryMetrics(SdkRetryMetricsInterceptor interceptor) {
    return builder -> builder.overrideConfiguration(withInterceptor(builder, interceptor));
  }

  /** Adds the retry counter to the Step Functions client the starter builds. */
  @Bean
  SfnClientCustomizer py2sfnSfnRetryMetrics(SdkRetryMetricsInterceptor interceptor) {
    return builder -> builder.overrideConfiguration(withInterceptor(builder, interceptor));
  }
}
