package io.github.py2sfn.tasktools.state;

/**
 * Thrown when a Distributed Map's {@code ResultWriter} output cannot be read as the {@link
 * ResultWriterConfig} says: a manifest or result file that is not JSON of the documented shape, or
 * an output that does not convert to the requested type. The message names the S3 object and what
 * is wrong, never its content.
 */
public class MapRunResultsException extends StateDataException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the object and what is wrong with it
   */
  public MapRunResultsException(String message) {
    super(message);
  }
}
