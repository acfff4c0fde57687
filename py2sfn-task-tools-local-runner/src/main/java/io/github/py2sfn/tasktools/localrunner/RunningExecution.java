package io.github.py2sfn.tasktools.localrunner;

import io.github.py2sfn.tasktools.localrunner.internal.TaskTokens;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An execution started with {@link LocalStateMachineRunner#start}, running on its own thread: a
 * test lists the task tokens its callback tasks ({@code .waitForTaskToken}) wait for, completes
 * them as SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat would, and awaits the result. The
 * same tokens are also completed by real AWS SDK calls made anywhere in the JVM.
 */
public final class RunningExecution {

  private final CompletableFuture<ExecutionResult> result;
  private final TaskTokens taskTokens;

  RunningExecution(CompletableFuture<ExecutionResult> result, TaskTokens taskTokens) {
    this.result = result;
    this.taskTokens = taskTokens;
  }

  /**
   * The tokens the execution's callback tasks wait for now, oldest first.
   *
   * @return a snapshot, empty when no task waits
   */
  public List<String> pendingTaskTokens() {
    return taskTokens.pending();
  }

  /**
   * Waits until a callback task waits for its token.
   *
   * @param timeout how long to wait at most
   * @return the oldest pending token
   * @throws IllegalStateException when no task waits for a token within the timeout
   */
  public String awaitTaskToken(Duration timeout) {
    String token;
    try {
      token = taskTokens.awaitPending(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateMachineRunnerException("Interrupted waiting for a task token", e);
    }
    if (token == null) {
      throw new IllegalStateException("No task waited for a task token within " + timeout);
    }
    return token;
  }

  /**
   * Completes a waiting task, as SendTaskSuccess does: the output becomes the task's result.
   *
   * @param taskToken a pending token
   * @param output the task's result
   * @throws IllegalArgumentException when no task of this execution waits for the token
   */
  public void sendTaskSuccess(String taskToken, JsonNode output) {
    Objects.requireNonNull(output, "output");
    require(taskTokens.succeed(taskToken, output), taskToken);
  }

  /**
   * Fails a waiting task, as SendTaskFailure does: its Retry and Catch see the error.
   *
   * @param taskToken a pending token
   * @param error the error name, such as {@code Payment.Declined}
   * @param cause the cause
   * @throws IllegalArgumentException when no task of this execution waits for the token
   */
  public void sendTaskFailure(String taskToken, @Nullable String error, @Nullable String cause) {
    require(taskTokens.fail(taskToken, error, cause), taskToken);
  }

  /**
   * Restarts a waiting task's HeartbeatSeconds, as SendTaskHeartbeat does.
   *
   * @param taskToken a pending token
   * @throws IllegalArgumentException when no task of this execution waits for the token
   */
  public void sendTaskHeartbeat(String taskToken) {
    require(taskTokens.heartbeat(taskToken), taskToken);
  }

  /** Whether the execution has ended. */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the execution to end.
   *
   * @param timeout how long to wait at most
   * @return the result
   * @throws IllegalStateException when it is still running after the timeout
   */
  public ExecutionResult await(Duration timeout) {
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The execution is still running after "
              + timeout
              + "; pending task tokens: "
              + pendingTaskTokens().size(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateMachineRunnerException("Interrupted waiting for the execution", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StateMachineRunnerException("The execution failed to run", e.getCause());
    }
  }

  private static void require(boolean completed, String taskToken) {
    if (!completed) {
      // What AWS answers for a token it does not know or that was already completed.
      throw new IllegalArgumentException(
          "No task of this execution waits for the task token " + taskToken);
    }
  }
}
