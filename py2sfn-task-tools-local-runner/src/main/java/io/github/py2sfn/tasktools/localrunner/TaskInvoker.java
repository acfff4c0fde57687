package io.github.py2sfn.tasktools.localrunner;

import tools.jackson.databind.JsonNode;

/**
 * Runs the function behind a Task state. Throw {@link TaskFailedException} to fail the task with a
 * chosen error and cause; any other exception fails it the way an unhandled exception fails a Java
 * Lambda function (error = the exception's class name, cause = the Lambda runtime's error JSON).
 *
 * <pre>{@code
 * TaskInvoker invoker = request -> switch (request.functionName()) {
 *     case "greet" -> JsonNodeFactory.instance.stringNode("Hello " + request.payload().get("name").asString());
 *     default -> throw new IllegalStateException("no function " + request.functionName());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TaskInvoker {

  /**
   * Invokes a function.
   *
   * @param request the function name, the payload after {@code Parameters}, the state and the
   *     context object
   * @return the function's JSON result
   */
  JsonNode invoke(TaskRequest request);

  /**
   * Whether a function of this name exists; checked for every static function name before anything
   * runs, and for a name a {@code lambda:invoke} state computes when it runs (false fails that task
   * with {@code Lambda.ResourceNotFoundException}, as AWS does for a function that does not exist).
   *
   * @param functionName the name a Task resource maps to
   * @return true when {@link #invoke} can run it (the default: the invoker cannot tell beforehand)
   */
  default boolean canInvoke(String functionName) {
    return true;
  }
}
