package io.github.py2sfn.tasktools;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this library throws, but for the {@link
 * InvocationDeadlineExceededException} with which AWS calls end at the Lambda invocation's
 * deadline. Messages name what was wrong and where (table, partition key, index, execution ARN,
 * event field) and never contain the users' data.
 */
public class TaskToolsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and where
   */
  public TaskToolsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure, never one whose message could carry users' data
   */
  public TaskToolsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
