package io.github.py2sfn.tasktools.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the attempts the AWS SDK's retry strategy makes after the first one (throttling, 5xx
 * errors, timeouts, connection resets) as {@code py2sfn.aws.retries}, tags {@code service} and
 * {@code operation} (e.g. {@code DynamoDb}, {@code BatchWriteItem}).
 */
public class SdkRetryMetricsInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("py2sfn.attempts");

  private final MeterProvider<Counter> retries;

  /**
   * Creates the interceptor.
   *
   * @param registry where to count
   */
  public SdkRetryMetricsInterceptor(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    retries =
        Counter.builder("py2sfn.aws.retries")
            .description("AWS SDK attempts after the first one of an API call")
            .withRegistry(registry);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(ATTEMPTS, new AtomicInteger());
  }

  /** Called once per attempt, unlike the other callbacks before the request is sent. */
  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null && attempts.incrementAndGet() > 1) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      retries
          .withTags("service", String.valueOf(service), "operation", String.valueOf(operation))
          .increment();
    }
  }
}
