package io.github.py2sfn.tasktools;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Says that the Lambda invocation's remaining time ran out: an AWS call, or the wait for a stopped
 * execution, was ended at the {@link InvocationDeadline}, a margin before Lambda's own timeout, so
 * that the task can still report the failure rather than be ended by Lambda without one.
 *
 * <p>It comes from a client's {@link InvocationDeadlineInterceptor}, as the failure of a call made
 * after the deadline, or as the cause of the {@code ApiCallTimeoutException} of a call the deadline
 * ended; so it is an {@link SdkClientException}, the kind of failure AWS calls have, and not a
 * {@link TaskToolsException}. The library reports it as it reports any failed call: in the cause
 * chain of the exception that names what was not done, for example a {@code
 * StateDataAccessException} naming the item, or an {@code ExecutionStopTimeoutException}. A Step
 * Functions {@code Retry} on that exception runs the task again in a new invocation, with its full
 * time.
 */
public class InvocationDeadlineExceededException extends SdkClientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param what what was ended, e.g. {@code DynamoDb PutItem}
   * @param margin how long before the invocation's timeout it was ended
   * @param cause the failure the end caused, e.g. the SDK's timeout, if any
   */
  public InvocationDeadlineExceededException(
      String what, Duration margin, @Nullable Throwable cause) {
    super(
        SdkClientException.builder()
            .message(
                "The Lambda invocation's remaining time ran out: "
                    + what
                    + " was ended "
                    + margin
                    + " before the invocation's timeout (py2sfn.aws.lambda-timeout-margin)")
            .cause(cause));
  }
}
