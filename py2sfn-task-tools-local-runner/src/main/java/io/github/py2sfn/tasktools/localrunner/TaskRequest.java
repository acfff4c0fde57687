package io.github.py2sfn.tasktools.localrunner;

import tools.jackson.databind.JsonNode;

/**
 * One Task invocation.
 *
 * @param functionName the function the Task's resource maps to (the Lambda function name, after
 *     overrides)
 * @param payload the event the function receives: the effective input after {@code Parameters} (for
 *     {@code lambda:invoke}, the {@code Payload} parameter)
 * @param stateName the Task state's name
 * @param resource the Task state's {@code Resource}
 * @param context the context object ({@code $$}) as the state sees it
 */
public record TaskRequest(
    String functionName, JsonNode payload, String stateName, String resource, JsonNode context) {

  /** The execution ARN ({@code $$.Execution.Id}). */
  public String executionArn() {
    return context.path("Execution").path("Id").asString();
  }

  /** The execution name ({@code $$.Execution.Name}). */
  public String executionName() {
    return context.path("Execution").path("Name").asString();
  }
}
