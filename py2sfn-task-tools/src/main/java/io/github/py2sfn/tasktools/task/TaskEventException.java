package io.github.py2sfn.tasktools.task;

import io.github.py2sfn.tasktools.TaskToolsException;

/**
 * Thrown when a task's event lacks a field a feature needs (such as the execution name to stop the
 * execution), has a field of the wrong type, or its input does not convert to the task's input
 * type. The message names the field and never contains the event's data.
 */
public class TaskEventException extends TaskToolsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which field is missing or wrong, and how to provide it
   */
  public TaskEventException(String message) {
    super(message);
  }
}
