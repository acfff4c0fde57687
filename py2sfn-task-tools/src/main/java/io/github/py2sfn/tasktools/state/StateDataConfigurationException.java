package io.github.py2sfn.tasktools.state;

/**
 * Thrown when an operation needs a setting the client was built without: a default table name for
 * local keys, a namespace (the execution name), an S3 bucket or S3 client for offloaded items.
 */
public class StateDataConfigurationException extends StateDataException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which setting is missing and how to provide it
   */
  public StateDataConfigurationException(String message) {
    super(message);
  }
}
