package io.github.py2sfn.tasktools.state;

import io.github.py2sfn.tasktools.TaskToolsException;
import org.jspecify.annotations.Nullable;

/** Root of the exceptions thrown by a {@link StateDataClient}. */
public class StateDataException extends TaskToolsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and where
   */
  public StateDataException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public StateDataException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
