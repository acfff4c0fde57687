package io.github.py2sfn.tasktools.callback;

/**
 * Thrown before any call when a field is over its Step Functions limit: the output of
 * SendTaskSuccess over 262,144 bytes of UTF-8 JSON (when no state data client stores it instead),
 * the error of SendTaskFailure over 256 characters. The message names the field, its size and the
 * limit, never its content.
 */
public class CallbackLimitExceededException extends TaskCallbackException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final long size;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param operation the Step Functions operation that was not sent
   * @param field the request field, e.g. {@code output}
   * @param size its size
   * @param limit its limit
   * @param unit the unit of both, e.g. {@code bytes of UTF-8 JSON}
   * @param remedy what to do instead, as a sentence
   */
  public CallbackLimitExceededException(
      String operation, String field, long size, long limit, String unit, String remedy) {
    super(
        operation
            + " not sent: its "
            + field
            + " is "
            + size
            + " "
            + unit
            + ", over the limit of "
            + limit
            + ". "
            + remedy,
        operation,
        null);
    this.field = field;
    this.size = size;
    this.limit = limit;
  }

  /**
   * Returns the field over its limit.
   *
   * @return {@code output} or {@code error}
   */
  public String field() {
    return field;
  }

  /**
   * Returns the field's size.
   *
   * @return bytes for the output, characters for the error
   */
  public long size() {
    return size;
  }

  /**
   * Returns the field's limit.
   *
   * @return bytes for the output, characters for the error
   */
  public long limit() {
    return limit;
  }
}
