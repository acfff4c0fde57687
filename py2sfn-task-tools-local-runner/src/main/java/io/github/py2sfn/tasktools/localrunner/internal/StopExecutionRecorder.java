package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.MirroredExecution;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;

/**
 * Remembers the successful StopExecution calls made in this JVM on mirrored executions, with their
 * error and cause. A stop a task made here ends the local run without waiting for the emulator's
 * DescribeExecution to show it, and keeps the error and cause that some emulators (moto 5.2.5)
 * accept but drop. Registered for every SDK client as a global interceptor ({@code
 * software/amazon/awssdk/global/handlers/execution.interceptors}); it only looks at executions a
 * mirror is watching.
 */
public final class StopExecutionRecorder implements ExecutionInterceptor {

  private static final Map<String, Optional<MirroredExecution.Stop>> WATCHED =
      new ConcurrentHashMap<>();

  /** Instantiated by the AWS SDK. */
  public StopExecutionRecorder() {}

  /**
   * Starts remembering stops of an execution.
   *
   * @param executionArn the execution ARN
   */
  public static void watch(String executionArn) {
    WATCHED.put(executionArn, Optional.empty());
  }

  /**
   * Forgets an execution.
   *
   * @param executionArn the execution ARN
   */
  public static void unwatch(String executionArn) {
    WATCHED.remove(executionArn);
  }

  /**
   * The error and cause of the last successful StopExecution call on a watched execution.
   *
   * @param executionArn the execution ARN
   * @return the stop, or empty when none was seen
   */
  public static Optional<MirroredExecution.Stop> recorded(String executionArn) {
    return WATCHED.getOrDefault(executionArn, Optional.empty());
  }

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    if (context.request() instanceof StopExecutionRequest stop && stop.executionArn() != null) {
      WATCHED.computeIfPresent(
          stop.executionArn(),
          (arn, previous) -> Optional.of(new MirroredExecution.Stop(stop.error(), stop.cause())));
    }
  }
}
