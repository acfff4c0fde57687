package io.github.py2sfn.tasktools;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda context of an invocation with a timeout of the test's choosing, counting down from its
 * creation as Lambda's does.
 */
public final class TimedLambdaContext implements Context {

  private final long endNanos;
  private final String functionArn;

  /**
   * Creates the context of an invocation that Lambda ends after {@code timeout}.
   *
   * @param timeout the invocation's time, from now
   * @param region the function's region
   * @param accountId the function's account
   */
  public TimedLambdaContext(Duration timeout, String region, String accountId) {
    this.endNanos = System.nanoTime() + timeout.toNanos();
    this.functionArn = "arn:aws:lambda:" + region + ":" + accountId + ":function:task";
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.ofNanos(endNanos - System.nanoTime()).toMillis());
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public String getFunctionName() {
    return "task";
  }

  @Override
  public String getAwsRequestId() {
    return "timed-request";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/task";
  }

  @Override
  public String getLogStreamName() {
    return "timed";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
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
  public int getMemoryLimitInMB() {
    return 512;
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
        System.out.write(message, 0, message.length);
      }
    };
  }
}
