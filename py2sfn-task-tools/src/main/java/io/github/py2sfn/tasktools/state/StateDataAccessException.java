package io.github.py2sfn.tasktools.state;

/**
 * Thrown when DynamoDB or S3 fails a call after the AWS SDK's retry strategy has given up, or
 * answers with a client error. The cause is the SDK exception.
 */
public class StateDataAccessException extends StateDataException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the operation and location that failed
   * @param cause the SDK exception
   */
  public StateDataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
