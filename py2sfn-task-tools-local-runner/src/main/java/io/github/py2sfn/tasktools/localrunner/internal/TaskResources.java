package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps Task {@code Resource}s to function names: Lambda function ARNs, {@code
 * arn:aws:states:::lambda:invoke} with its {@code FunctionName}, and an explicit override map (by
 * resource or by function name) for anything else.
 */
final class TaskResources {

  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

  /**
   * The callback integration pattern's suffix
   * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
   */
  static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

  private static final Pattern LAMBDA_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]+)(:[A-Za-z0-9_$-]+)?");
  // FunctionName of lambda:invoke: a name, name:alias, a full ARN or a partial ARN
  // (account:function:name).
  private static final Pattern FUNCTION_NAME =
      Pattern.compile(
          "(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?(?:\\d{12}:function:)?([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?");

  /**
   * The {@code states:startExecution} resources a registered state machine serves (Start a new AWS
   * Step Functions state machine from a running execution,
   * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html).
   */
  private static final Map<String, StateDefinition.StartExecutionPattern> START_EXECUTION =
      Map.of(
          "arn:aws:states:::states:startExecution",
          StateDefinition.StartExecutionPattern.REQUEST_RESPONSE,
          "arn:aws:states:::states:startExecution.sync",
          StateDefinition.StartExecutionPattern.SYNC,
          "arn:aws:states:::states:startExecution.sync:2",
          StateDefinition.StartExecutionPattern.SYNC_2);

  private final Map<String, String> overrides;
  private final Predicate<String> knownStateMachine;

  TaskResources(Map<String, String> overrides) {
    this(overrides, arn -> false);
  }

  /**
   * @param knownStateMachine whether a {@code StateMachineArn} names a state machine the runner
   *     runs
   */
  TaskResources(Map<String, String> overrides, Predicate<String> knownStateMachine) {
    this.overrides = Map.copyOf(overrides);
    this.knownStateMachine = knownStateMachine;
  }

  /**
   * Resolves a Task state's target.
   *
   * @param parameters the state's {@code Parameters} (JSONPath) or {@code Arguments} (JSONata)
   * @param field which of the two it is
   * @param problems receives why the resource cannot be mapped
   * @return the target, or null after reporting a problem
   */
  StateDefinition.@Nullable TaskTarget resolve(
      String resource,
      @Nullable JsonNode parameters,
      String field,
      DefinitionProblem.Reporter problems) {
    String override = overrides.get(resource);
    boolean callback = resource.endsWith(WAIT_FOR_TASK_TOKEN);
    if (override != null) {
      return new StateDefinition.TaskTarget(resource, override, false, callback);
    }
    StateDefinition.StartExecutionPattern pattern = START_EXECUTION.get(resource);
    if (pattern != null) {
      return startExecution(resource, pattern, parameters, field, problems);
    }
    if (resource.equals(LAMBDA_INVOKE) || resource.equals(LAMBDA_INVOKE + WAIT_FOR_TASK_TOKEN)) {
      boolean jsonata = field.equals("Arguments");
      // A whole expression, like a FunctionName expression or path, names the function only when
      // the state runs; AWS creates such a machine, and TaskStep resolves the name.
      if (jsonata && parameters != null && JsonataTemplate.isExpression(parameters)) {
        return new StateDefinition.TaskTarget(resource, null, true, callback);
      }
      if (parameters == null || !parameters.isObject()) {
        problems.report(field, "lambda:invoke needs " + field + " with a FunctionName");
        return null;
      }
      JsonNode name = parameters.get("FunctionName");
      if (name != null && jsonata && JsonataTemplate.isExpression(name)) {
        return new StateDefinition.TaskTarget(resource, null, true, callback);
      }
      if (name != null && name.isString()) {
        try {
          return new StateDefinition.TaskTarget(
              resource, functionName(name.stringValue()), true, callback);
        } catch (IllegalArgumentException e) {
          problems.report(field + ".FunctionName", e.getMessage());
          return null;
        }
      }
      if (!jsonata && parameters.has("FunctionName.$")) {
        return new StateDefinition.TaskTarget(resource, null, true, callback);
      }
      problems.report(field + ".FunctionName", "missing (lambda:invoke needs it)");
      return null;
    }
    if (resource.startsWith(LAMBDA_INVOKE + ".")) {
      problems.report(
          "Resource",
          "the integration pattern of '"
              + resource
              + "' is not supported locally (only request-response and .waitForTaskToken)");
      return null;
    }
    Matcher arn = LAMBDA_ARN.matcher(resource);
    if (arn.matches()) {
      return new StateDefinition.TaskTarget(resource, override(arn.group(1)), false, false);
    }
    problems.report(
        "Resource",
        "'"
            + resource
            + "' is neither a Lambda function ARN nor "
            + LAMBDA_INVOKE
            + "; map it to a function with an override");
    return null;
  }

  /**
   * A {@code states:startExecution} task: its {@code StateMachineArn}, when static, must name a
   * state machine the runner knows; a path or expression is resolved when the state runs.
   */
  private StateDefinition.@Nullable TaskTarget startExecution(
      String resource,
      StateDefinition.StartExecutionPattern pattern,
      @Nullable JsonNode parameters,
      String field,
      DefinitionProblem.Reporter problems) {
    boolean jsonata = field.equals("Arguments");
    StateDefinition.TaskTarget target =
        new StateDefinition.TaskTarget(resource, null, false, false, pattern);
    if (jsonata && parameters != null && JsonataTemplate.isExpression(parameters)) {
      return target;
    }
    if (parameters == null || !parameters.isObject()) {
      problems.report(field, "states:startExecution needs " + field + " with a StateMachineArn");
      return null;
    }
    JsonNode arn = parameters.get("StateMachineArn");
    if ((arn != null && jsonata && JsonataTemplate.isExpression(arn))
        || (arn == null && !jsonata && parameters.has("StateMachineArn.$"))) {
      return target;
    }
    if (arn == null || !arn.isString()) {
      problems.report(field + ".StateMachineArn", "missing (states:startExecution needs it)");
      return null;
    }
    if (!knownStateMachine.test(arn.stringValue())) {
      problems.report(
          field + ".StateMachineArn",
          "no state machine '"
              + arn.stringValue()
              + "' to start (register it with LocalStateMachineRunner.Builder.stateMachine, or"
              + " map the resource to a function with an override)");
      return null;
    }
    return target;
  }

  /**
   * The function a {@code FunctionName} value names, after overrides.
   *
   * @throws IllegalArgumentException when it is not a Lambda function name or ARN
   */
  String functionName(String functionName) {
    String override = overrides.get(functionName);
    if (override != null) {
      return override;
    }
    Matcher matcher = FUNCTION_NAME.matcher(functionName);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + functionName + "' is not a Lambda function name or ARN");
    }
    return override(matcher.group(1));
  }

  private String override(String name) {
    return overrides.getOrDefault(name, name);
  }
}
