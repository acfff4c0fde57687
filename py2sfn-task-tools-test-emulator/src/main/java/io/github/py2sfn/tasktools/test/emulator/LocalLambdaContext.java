package io.github.py2sfn.tasktools.test.emulator;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda {@link Context} of one local invocation, filled in as the Lambda runtime would: a
 * fresh request id, the function's ARN, log group and stream, and a 15-minute deadline. Its logger
 * writes to standard output, where Lambda sends function logs too. The local state machine runner
 * invokes tasks with it; pass it to a function's {@code FunctionInvoker.handleRequest} in a test or
 * a cold-start measurement.
 */
public final class LocalLambdaContext implements Context {

  /** Lambda's longest timeout: the default, so that nothing a test runs is cut short. */
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

  private static final int MEMORY_MB = 1024;

  private final String functionName;
  private final String functionArn;
  private final String requestId = UUID.randomUUID().toString();
  private final long deadlineNanos;
  private final String logStream =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").format(LocalDate.now(ZoneOffset.UTC))
          + "/[$LATEST]"
          + UUID.randomUUID().toString().replace("-", "");

  /**
   * Creates the context of one invocation.
   *
   * @param functionName the Lambda function's name
   * @param region the function's region
   * @param accountId the function's account
   */
  public LocalLambdaContext(String functionName, String region, String accountId) {
    this(functionName, region, accountId, MAX_TIMEOUT);
  }

  /**
   * Creates the context of one invocation that Lambda ends after {@code timeout}, counting down
   * from now as Lambda's does.
   *
   * @param functionName the Lambda function's name
   * @param region the function's region
   * @param accountId the function's account
   * @param timeout the invocation's time, from now
   */
  public LocalLambdaContext(
      String functionName, String region, String accountId, Duration timeout) {
    this.functionName = functionName;
    this.functionArn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return logStream;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public @Nullable CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public @Nullable ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return MEMORY_MB;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String toString() {
    return "LocalLambdaContext[" + functionArn + ", " + requestId + "]";
  }
}
