package io.github.py2sfn.tasktools.callback;

import org.jspecify.annotations.Nullable;

/**
 * Completes Task states that wait for a task token: a state whose Resource ends in {@code
 * .waitForTaskToken} passes {@code $$.Task.Token} to a task, which hands it to the system doing the
 * work; that system then calls {@link #succeed} or {@link #fail}, and {@link #heartbeat} meanwhile
 * when the state sets {@code HeartbeatSeconds}.
 *
 * <pre>{@code
 * // in the task that starts the work:
 * approvals.request(order.id(), context.execution().requireTaskToken());
 * // later, wherever the work ends:
 * callbacks.succeed(approval.taskToken(), new Approved(approval.by()));
 * }</pre>
 *
 * <p>The token lets anyone holding it complete the task: it never appears in this library's
 * messages or logs. Calls that Step Functions refuses for the token ({@link TaskTimedOutException},
 * {@link TaskDoesNotExistException}, {@link InvalidTaskTokenException}) fail at once: neither this
 * library nor the SDK retries them, since they fail the same way again. Throttling and 5xx errors
 * are retried by the Step Functions client's retry strategy.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token">Wait
 *     for a Callback with Task Token</a>
 */
public interface TaskCallbacks {

  /**
   * Completes the task with an output (SendTaskSuccess): the Task state's result. The output is
   * written as JSON with the application's JSON mapper; a {@code String} is sent as a JSON string,
   * a {@code JsonNode} as it is, {@code null} as JSON {@code null}.
   *
   * @param taskToken the task's token
   * @param output the task's result
   * @throws CallbackLimitExceededException if the output's JSON is over SendTaskSuccess's 262,144
   *     bytes and no state data client stores it instead
   * @throws TaskTimedOutException if the task has timed out or was already completed
   * @throws TaskDoesNotExistException if Step Functions knows no such task
   * @throws InvalidTaskTokenException if the token is not a valid task token
   * @throws TaskCallbackException if the call failed otherwise
   */
  void succeed(String taskToken, @Nullable Object output);

  /**
   * Fails the task with an error and a cause (SendTaskFailure), which the Task state's {@code
   * Retry} and {@code Catch} match on, as on any task error.
   *
   * @param taskToken the task's token
   * @param error the error name, e.g. {@code ApprovalRejected}; at most 256 characters
   * @param cause a longer explanation; cut to its first 32,768 characters when longer
   * @throws CallbackLimitExceededException if the error is over 256 characters
   * @throws TaskTimedOutException if the task has timed out or was already completed
   * @throws TaskDoesNotExistException if Step Functions knows no such task
   * @throws InvalidTaskTokenException if the token is not a valid task token
   * @throws TaskCallbackException if the call failed otherwise
   */
  void fail(String taskToken, @Nullable String error, @Nullable String cause);

  /**
   * Tells Step Functions that the task is still being worked on (SendTaskHeartbeat): the Task
   * state's {@code HeartbeatSeconds} start again. Its {@code TimeoutSeconds} still bound the whole
   * task.
   *
   * @param taskToken the task's token
   * @throws TaskTimedOutException if the task has timed out or was already completed
   * @throws TaskDoesNotExistException if Step Functions knows no such task
   * @throws InvalidTaskTokenException if the token is not a valid task token
   * @throws TaskCallbackException if the call failed otherwise
   */
  void heartbeat(String taskToken);
}
