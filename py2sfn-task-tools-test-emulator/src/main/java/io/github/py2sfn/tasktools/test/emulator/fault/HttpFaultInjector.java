package io.github.py2sfn.tasktools.test.emulator.fault;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Answers the first N attempts of chosen operations with an error response (throttling, 5xx)
 * instead of sending them to the emulator, so that the SDK's retry strategy and the library see
 * exactly what AWS sends. Counts every attempt of every operation. Register it as an interceptor
 * and wrap the client's HTTP client with {@link #wrap}.
 */
public final class HttpFaultInjector implements ExecutionInterceptor {

  private static final ThreadLocal<Fault> PENDING = new ThreadLocal<>();

  /**
   * An error response.
   *
   * @param status the HTTP status
   * @param contentType the response's content type
   * @param errorType the AWS error code
   * @param body the response body
   */
  public record Fault(int status, String contentType, String errorType, String body) {

    /**
     * A DynamoDB client error (HTTP 400) of the given type, as DynamoDB sends it.
     *
     * @param errorType e.g. {@code ThrottlingException}
     * @return the fault
     */
    public static Fault dynamoDb(String errorType) {
      return new Fault(
          400,
          "application/x-amz-json-1.0",
          errorType,
          "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
              + errorType
              + "\",\"message\":\"injected "
              + errorType
              + "\"}");
    }

    /**
     * A DynamoDB {@code InternalServerError} (HTTP 500).
     *
     * @return the fault
     */
    public static Fault dynamoDbServerError() {
      return new Fault(
          500,
          "application/x-amz-json-1.0",
          "InternalServerError",
          "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
              + "\"message\":\"injected internal error\"}");
    }

    /**
     * An S3 {@code 503 SlowDown}.
     *
     * @return the fault
     */
    public static Fault s3SlowDown() {
      return new Fault(
          503,
          "application/xml",
          "SlowDown",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
              + "<Message>Please reduce your request rate.</Message><RequestId>injected</RequestId></Error>");
    }
  }

  private record Rule(Fault fault, AtomicInteger remaining) {}

  private final Map<String, Rule> rules = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger injected = new AtomicInteger();

  /**
   * Fails the next {@code times} attempts of an operation.
   *
   * @param operation the SDK operation name, e.g. {@code BatchWriteItem}
   * @param times how many attempts, {@link Integer#MAX_VALUE} for all
   * @param fault the response to give instead
   * @return this injector
   */
  public HttpFaultInjector fail(String operation, int times, Fault fault) {
    rules.put(operation, new Rule(fault, new AtomicInteger(times)));
    return this;
  }

  /**
   * Returns how many attempts of an operation were made, injected faults included.
   *
   * @param operation the SDK operation name
   * @return the attempts
   */
  public int attempts(String operation) {
    AtomicInteger count = attempts.get(operation);
    return count == null ? 0 : count.get();
  }

  /**
   * Returns how many faults were injected.
   *
   * @return the count
   */
  public int injected() {
    return injected.get();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    attempts.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
    Rule rule = rules.get(operation);
    if (rule != null
        && rule.remaining().getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) > 0) {
      injected.incrementAndGet();
      // The sync SDK sends the attempt on this thread right after this callback.
      PENDING.set(rule.fault());
    }
  }

  /**
   * Wraps an HTTP client so that attempts chosen by this injector (which must be among the client's
   * interceptors) get the fault's response without reaching the emulator, as a throttled request
   * does not reach the table.
   *
   * @param delegate the client that sends the other attempts
   * @return the wrapping client
   */
  public SdkHttpClient wrap(SdkHttpClient delegate) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Fault fault = PENDING.get();
        PENDING.remove();
        if (fault == null) {
          return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                .response(
                    SdkHttpResponse.builder()
                        .statusCode(fault.status())
                        .putHeader("Content-Type", fault.contentType())
                        .putHeader("x-amzn-ErrorType", fault.errorType())
                        .putHeader("x-amzn-RequestId", "injected")
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public String clientName() {
        return "fault-injecting-" + delegate.clientName();
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
