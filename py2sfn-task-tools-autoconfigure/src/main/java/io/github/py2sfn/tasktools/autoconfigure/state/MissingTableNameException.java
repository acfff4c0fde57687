package io.github.py2sfn.tasktools.autoconfigure.state;

import io.github.py2sfn.tasktools.state.StateDataConfigurationException;

/** Thrown at start-up when state data is enabled but {@code py2sfn.table-name} is not set. */
public class MissingTableNameException extends StateDataConfigurationException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public MissingTableNameException() {
    super("py2sfn.table-name is not set: state data needs the DynamoDB table to store items in");
  }
}
