package io.github.py2sfn.tasktools;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Ends a client's calls at the {@link InvocationDeadline} of the thread that makes them. A call
 * made when the invocation has less time left than the client's {@code apiCallTimeout} gets that
 * time as its own {@code apiCallTimeout}, so that the SDK ends it, retries and backoffs included,
 * at the deadline, with an {@link ApiCallTimeoutException} that says so and has an {@link
 * InvocationDeadlineExceededException} as its cause; a call made after the deadline is not sent and
 * fails with an {@link InvocationDeadlineExceededException}. Calls of threads without a deadline
 * are left alone.
 *
 * <p>The starter adds it to the clients it builds; add it to clients of your own with their {@code
 * apiCallTimeout}:
 *
 * <pre>{@code
 * DynamoDbClient.builder()
 *     .overrideConfiguration(o -> o
 *         .apiCallTimeout(Duration.ofSeconds(30))
 *         .addExecutionInterceptor(new InvocationDeadlineInterceptor(Duration.ofSeconds(30))))
 * }</pre>
 */
public final class InvocationDeadlineInterceptor implements ExecutionInterceptor {

  /** The deadline a call was cut to. */
  private static final ExecutionAttribute<InvocationDeadline> CUT_TO =
      new ExecutionAttribute<>("py2sfn.InvocationDeadline");

  private final @Nullable Duration clientApiCallTimeout;

  /**
   * Creates the interceptor of a client.
   *
   * @param clientApiCallTimeout the client's {@code apiCallTimeout}, which calls keep while the
   *     invocation has more time left, or {@code null} if it has none
   */
  public InvocationDeadlineInterceptor(@Nullable Duration clientApiCallTimeout) {
    this.clientApiCallTimeout = clientApiCallTimeout;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    Optional<InvocationDeadline> current = InvocationDeadline.current();
    if (current.isEmpty() || !(context.request() instanceof AwsRequest request)) {
      return context.request();
    }
    InvocationDeadline deadline = current.get();
    Duration left = deadline.remaining();
    if (left.isNegative() || left.isZero()) {
      throw new InvocationDeadlineExceededException(call(attributes), deadline.margin(), null);
    }
    Optional<AwsRequestOverrideConfiguration> override = request.overrideConfiguration();
    @Nullable Duration limit =
        override.flatMap(o -> o.apiCallTimeout()).orElse(clientApiCallTimeout);
    if (limit != null && limit.compareTo(left) <= 0) {
      return request;
    }
    attributes.putAttribute(CUT_TO, deadline);
    return request.toBuilder()
        .overrideConfiguration(
            override
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .apiCallTimeout(left)
                .build())
        .build();
  }

  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable failure = context.exception();
    InvocationDeadline cutTo = attributes.getAttribute(CUT_TO);
    if (cutTo != null && cutTo.hasPassed() && failure instanceof ApiCallTimeoutException) {
      // The SDK lets an interceptor change a failure but not its class: its timeout, then, saying
      // whose time it was, with the deadline as its cause.
      return ApiCallTimeoutException.create(
          call(attributes) + " did not complete within the Lambda invocation's remaining time",
          new InvocationDeadlineExceededException(call(attributes), cutTo.margin(), null));
    }
    return failure;
  }

  /** The call, e.g. {@code DynamoDb PutItem}. */
  private static String call(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
        + " "
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }
}
