package io.github.py2sfn.tasktools.state;

/**
 * Thrown before any AWS call when the arguments of a state data operation are invalid: a blank key,
 * a negative index, a partition key over DynamoDB's 2,048-byte limit, a table outside the allowed
 * list, or a Map iteration event missing a field.
 */
public class InvalidStateDataRequestException extends StateDataException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was invalid and where
   */
  public InvalidStateDataRequestException(String message) {
    super(message);
  }
}
