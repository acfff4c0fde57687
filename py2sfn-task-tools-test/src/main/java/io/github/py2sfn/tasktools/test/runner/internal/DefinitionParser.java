package io.github.py2sfn.tasktools.test.runner.internal;

import com.jayway.jsonpath.Configuration;
import io.github.py2sfn.tasktools.test.runner.DefinitionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Validates and compiles an ASL definition before anything runs, collecting every problem with its
 * state and field, so a definition the runner cannot execute fails at once rather than halfway
 * through an execution.
 */
final class DefinitionParser {

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> IO = Set.of("InputPath", "OutputPath");
  private static final Set<String> TRANSITION = Set.of("Next", "End");
  private static final Set<String> RESULT = Set.of("ResultPath", "Parameters", "ResultSelector");
  private static final Set<String> ERRORS = Set.of("Retry", "Catch");
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "Pass", union(IO, TRANSITION, Set.of("ResultPath", "Parameters", "Result")),
          "Task",
              union(
                  IO,
                  TRANSITION,
                  RESULT,
                  ERRORS,
                  Set.of(
                      "Resource",
                      "TimeoutSeconds",
                      "TimeoutSecondsPath",
                      "HeartbeatSeconds",
                      "HeartbeatSecondsPath")),
          "Choice", union(IO, Set.of("Choices", "Default")),
          "Wait",
              union(IO, TRANSITION, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")),
          "Succeed", IO,
          "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
          "Map",
              union(
                  IO,
                  TRANSITION,
                  RESULT,
                  ERRORS,
                  Set.of(
                      "ItemsPath",
                      "ItemSelector",
                      "MaxConcurrency",
                      "MaxConcurrencyPath",
                      "Iterator",
                      "ItemProcessor",
                      "Label")),
          "Parallel", union(IO, TRANSITION, RESULT, ERRORS, Set.of("Branches")));
  // Recognised but not executable locally: a precise message beats "unknown field".
  private static final Map<String, String> UNSUPPORTED =
      Map.of(
          "Assign", "variables (Assign) are not supported",
          "Arguments", "JSONata fields are not supported",
          "Output", "JSONata fields are not supported",
          "Items", "JSONata fields are not supported",
          "ItemReader", "Distributed Map (ItemReader) is not supported",
          "ItemBatcher", "Distributed Map (ItemBatcher) is not supported",
          "ResultWriter", "Distributed Map (ResultWriter) is not supported",
          "ToleratedFailurePercentage",
              "Distributed Map (ToleratedFailurePercentage) is not supported",
          "ToleratedFailureCount", "Distributed Map (ToleratedFailureCount) is not supported",
          "Credentials", "cross-account Task Credentials are not supported");

  private final Configuration configuration;
  private final ObjectMapper mapper;
  private final TaskResources resources;
  private final Predicate<String> functionExists;
  private final List<DefinitionProblem> problems = new ArrayList<>();

  DefinitionParser(
      Configuration configuration,
      ObjectMapper mapper,
      TaskResources resources,
      Predicate<String> functionExists) {
    this.configuration = configuration;
    this.mapper = mapper;
    this.resources = resources;
    this.functionExists = functionExists;
  }

  /**
   * Compiles a whole definition.
   *
   * @throws DefinitionException listing every problem
   */
  CompiledDefinition parse(JsonNode definition) {
    if (!definition.isObject()) {
      problem(null, "(definition)", "must be a JSON object");
      throw exception();
    }
    JsonNode language = definition.get("QueryLanguage");
    if (language != null && !"JSONPath".equals(language.asString())) {
      problem(
          null, "QueryLanguage", "'" + language.asString() + "' is not supported: only JSONPath");
    }
    rejectUnknownFields(
        null,
        "",
        definition,
        Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"),
        "unknown top-level field");
    Double timeout = null;
    JsonNode timeoutNode = definition.get("TimeoutSeconds");
    if (timeoutNode != null) {
      if (timeoutNode.isIntegralNumber() && timeoutNode.asLong() > 0) {
        timeout = timeoutNode.asDouble();
      } else {
        problem(null, "TimeoutSeconds", "must be a positive integer");
      }
    }
    StateDefinition.Scope scope = scope(definition, null, "");
    if (!problems.isEmpty()) {
      throw exception();
    }
    return new CompiledDefinition(scope, timeout);
  }

  private DefinitionException exception() {
    DefinitionProblem first = problems.get(0);
    return new DefinitionException(
        first.state(), first.field(), problems.stream().map(DefinitionProblem::describe).toList());
  }

  private StateDefinition.@Nullable Scope scope(
      JsonNode node, @Nullable String owner, String prefix) {
    String where = owner == null ? "" : prefix;
    JsonNode startAt = node.get("StartAt");
    JsonNode states = node.get("States");
    if (startAt == null || !startAt.isString()) {
      problem(owner, where + "StartAt", "missing");
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problem(owner, where + "States", "missing or empty");
      return null;
    }
    Map<String, StateDefinition> compiled = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      StateDefinition state = state(entry.getKey(), entry.getValue());
      if (state != null) {
        compiled.put(entry.getKey(), state);
      }
    }
    if (startAt != null && startAt.isString() && !states.has(startAt.stringValue())) {
      problem(
          owner,
          where + "StartAt",
          "names no state in this scope: '" + startAt.stringValue() + "'");
    }
    for (StateDefinition state : compiled.values()) {
      checkTarget(state, "Next", state.next, states);
      checkTarget(state, "Default", state.defaultNext, states);
      for (int i = 0; i < state.choices.size(); i++) {
        checkTarget(state, "Choices[" + i + "].Next", state.choices.get(i).next(), states);
      }
      for (int i = 0; i < state.catchers.size(); i++) {
        checkTarget(state, "Catch[" + i + "].Next", state.catchers.get(i).next(), states);
      }
    }
    return startAt == null ? null : new StateDefinition.Scope(startAt.asString(), compiled);
  }

  private void checkTarget(
      StateDefinition state, String field, @Nullable String target, JsonNode states) {
    if (target != null && !states.has(target)) {
      problem(state.name(), field, "names no state in the same scope: '" + target + "'");
    }
  }

  private @Nullable StateDefinition state(String name, JsonNode node) {
    if (!node.isObject()) {
      problem(name, "(state)", "must be an object");
      return null;
    }
    JsonNode typeNode = node.get("Type");
    String typeName = typeNode == null ? null : typeNode.asString();
    Set<String> allowed = typeName == null ? null : FIELDS.get(typeName);
    if (allowed == null) {
      problem(name, "Type", typeName == null ? "missing" : "unknown state type '" + typeName + "'");
      return null;
    }
    JsonNode language = node.get("QueryLanguage");
    if (language != null && !"JSONPath".equals(language.asString())) {
      problem(
          name, "QueryLanguage", "'" + language.asString() + "' is not supported: only JSONPath");
    }
    for (String field : node.propertyNames()) {
      if (UNSUPPORTED.containsKey(field)) {
        problem(name, field, UNSUPPORTED.get(field));
      } else if (!COMMON.contains(field) && !allowed.contains(field)) {
        problem(name, field, "is not a field of a " + typeName + " state");
      }
    }
    StateDefinition state =
        new StateDefinition(
            name, StateDefinition.Type.valueOf(typeName.toUpperCase(java.util.Locale.ROOT)));
    transition(state, node);
    state.inputPath = selection(name, node, "InputPath");
    state.outputPath = selection(name, node, "OutputPath");
    if (node.has("ResultPath")) {
      state.resultPath = placement(name, "ResultPath", node.get("ResultPath"));
    }
    state.parameters = template(name, node, "Parameters");
    state.resultSelector = template(name, node, "ResultSelector");
    state.retriers = retriers(name, node.get("Retry"));
    state.catchers = catchers(name, node.get("Catch"));
    switch (state.type()) {
      case PASS -> state.result = node.get("Result");
      case TASK -> task(state, node);
      case CHOICE -> choice(state, node);
      case WAIT -> waitState(state, node);
      case FAIL -> fail(state, node);
      case MAP -> map(state, node);
      case PARALLEL -> parallel(state, node);
      case SUCCEED -> {}
      default -> throw new IllegalStateException(typeName);
    }
    return state;
  }

  private void transition(StateDefinition state, JsonNode node) {
    boolean terminalType =
        state.type() == StateDefinition.Type.SUCCEED
            || state.type() == StateDefinition.Type.FAIL
            || state.type() == StateDefinition.Type.CHOICE;
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    if (terminalType) {
      return;
    }
    if (next != null && end != null) {
      problem(state.name(), "Next", "a state has either Next or End, not both");
    } else if (next != null) {
      if (next.isString()) {
        state.next = next.stringValue();
      } else {
        problem(state.name(), "Next", "must be a state name");
      }
    } else if (end == null || !end.isBoolean() || !end.booleanValue()) {
      problem(state.name(), "Next", "missing (a non-terminal state needs Next or \"End\": true)");
    }
  }

  private StateDefinition.Selection selection(String state, JsonNode node, String field) {
    if (!node.has(field)) {
      return StateDefinition.Selection.DEFAULT;
    }
    JsonNode value = node.get(field);
    if (value.isNull()) {
      return StateDefinition.Selection.DISCARD;
    }
    JsonPathExpression path = path(state, field, value);
    return path == null
        ? StateDefinition.Selection.DEFAULT
        : new StateDefinition.Selection(false, path);
  }

  private StateDefinition.ResultPlacement placement(String state, String field, JsonNode value) {
    if (value.isNull()) {
      return StateDefinition.ResultPlacement.DISCARD;
    }
    if (!value.isString()) {
      problem(state, field, "must be a reference path or null");
      return StateDefinition.ResultPlacement.DEFAULT;
    }
    try {
      return new StateDefinition.ResultPlacement(false, ReferencePath.parse(value.stringValue()));
    } catch (IllegalArgumentException e) {
      problem(state, field, e.getMessage());
      return StateDefinition.ResultPlacement.DEFAULT;
    }
  }

  private @Nullable JsonPathExpression path(String state, String field, @Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      problem(state, field, "must be a path string");
      return null;
    }
    try {
      return JsonPathExpression.compile(value.stringValue(), configuration);
    } catch (IllegalArgumentException e) {
      problem(state, field, e.getMessage());
      return null;
    }
  }

  private @Nullable PayloadTemplate template(String state, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    try {
      return PayloadTemplate.compile(value, field, configuration, mapper);
    } catch (IllegalArgumentException e) {
      problem(state, field, e.getMessage());
      return null;
    }
  }

  private List<StateDefinition.Retrier> retriers(String state, @Nullable JsonNode retry) {
    List<StateDefinition.Retrier> result = new ArrayList<>();
    if (retry == null) {
      return result;
    }
    if (!retry.isArray()) {
      problem(state, "Retry", "must be an array");
      return result;
    }
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      String field = "Retry[" + i + "]";
      List<String> errors = errorEquals(state, field, r, i, retry.size());
      double interval = number(state, field + ".IntervalSeconds", r.get("IntervalSeconds"), 1, 1);
      double attempts = number(state, field + ".MaxAttempts", r.get("MaxAttempts"), 3, 0);
      double backoff = number(state, field + ".BackoffRate", r.get("BackoffRate"), 2.0, 1);
      Double maxDelay =
          r.has("MaxDelaySeconds")
              ? number(state, field + ".MaxDelaySeconds", r.get("MaxDelaySeconds"), 0, 1)
              : null;
      JsonNode jitter = r.get("JitterStrategy");
      if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asString())) {
        problem(state, field + ".JitterStrategy", "must be FULL or NONE");
      }
      rejectUnknownFields(
          state,
          field + ".",
          r,
          Set.of(
              "ErrorEquals",
              "IntervalSeconds",
              "MaxAttempts",
              "BackoffRate",
              "MaxDelaySeconds",
              "JitterStrategy",
              "Comment"),
          "is not a field of a retrier");
      result.add(
          new StateDefinition.Retrier(
              errors,
              interval,
              (int) attempts,
              backoff,
              maxDelay,
              jitter != null && "FULL".equals(jitter.asString())));
    }
    return result;
  }

  private List<StateDefinition.Catcher> catchers(String state, @Nullable JsonNode catchNode) {
    List<StateDefinition.Catcher> result = new ArrayList<>();
    if (catchNode == null) {
      return result;
    }
    if (!catchNode.isArray()) {
      problem(state, "Catch", "must be an array");
      return result;
    }
    for (int i = 0; i < catchNode.size(); i++) {
      JsonNode c = catchNode.get(i);
      String field = "Catch[" + i + "]";
      List<String> errors = errorEquals(state, field, c, i, catchNode.size());
      StateDefinition.ResultPlacement placement =
          c.has("ResultPath")
              ? placement(state, field + ".ResultPath", c.get("ResultPath"))
              : StateDefinition.ResultPlacement.DEFAULT;
      JsonNode next = c.get("Next");
      if (next == null || !next.isString()) {
        problem(state, field + ".Next", "missing");
        continue;
      }
      rejectUnknownFields(
          state,
          field + ".",
          c,
          Set.of("ErrorEquals", "ResultPath", "Next", "Comment"),
          "is not a field of a catcher");
      result.add(new StateDefinition.Catcher(errors, placement, next.stringValue()));
    }
    return result;
  }

  private List<String> errorEquals(
      String state, String field, JsonNode entry, int index, int count) {
    JsonNode errors = entry.get("ErrorEquals");
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      problem(state, field + ".ErrorEquals", "must be a non-empty array of error names");
      return List.of();
    }
    List<String> names = new ArrayList<>();
    errors.values().forEach(e -> names.add(e.asString()));
    if (names.contains("States.ALL") && (names.size() > 1 || index != count - 1)) {
      problem(state, field + ".ErrorEquals", "States.ALL must appear alone, in the last entry");
    }
    return List.copyOf(names);
  }

  private double number(
      String state, String field, @Nullable JsonNode value, double defaultValue, double minimum) {
    if (value == null) {
      return defaultValue;
    }
    if (!value.isNumber() || value.asDouble() < minimum) {
      problem(state, field, "must be a number of at least " + minimum);
      return defaultValue;
    }
    return value.asDouble();
  }

  private void task(StateDefinition state, JsonNode node) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isString()) {
      problem(state.name(), "Resource", "missing");
      return;
    }
    state.target =
        resources.resolve(resource.stringValue(), node.get("Parameters"), reporter(state.name()));
    String function = state.target == null ? null : state.target.functionName();
    if (function != null && !functionExists.test(function)) {
      problem(
          state.name(),
          state.target.lambdaInvoke() ? "Parameters.FunctionName" : "Resource",
          "no function '"
              + function
              + "' to invoke (add the bean, or map the resource with an "
              + "override)");
    }
    JsonNode timeout = node.get("TimeoutSeconds");
    if (timeout != null) {
      state.timeoutSeconds = number(state.name(), "TimeoutSeconds", timeout, 0, 1);
    }
    state.timeoutSecondsPath =
        path(state.name(), "TimeoutSecondsPath", node.get("TimeoutSecondsPath"));
  }

  private void choice(StateDefinition state, JsonNode node) {
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problem(state.name(), "Choices", "must be a non-empty array");
      return;
    }
    List<StateDefinition.Choice> compiled = new ArrayList<>();
    // Rule problems follow the missing-Next ones, as they always have.
    List<DefinitionProblem> ruleProblems = new ArrayList<>();
    DefinitionProblem.Reporter reporter =
        (field, message) -> ruleProblems.add(new DefinitionProblem(state.name(), field, message));
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String field = "Choices[" + i + "]";
      JsonNode next = rule.get("Next");
      ChoiceRule compiledRule = ChoiceRule.compile(rule, field, configuration, reporter);
      if (next == null || !next.isString()) {
        problem(state.name(), field + ".Next", "missing");
      } else if (compiledRule != null) {
        compiled.add(new StateDefinition.Choice(compiledRule, next.stringValue()));
      }
    }
    problems.addAll(ruleProblems);
    state.choices = compiled;
    JsonNode defaultNext = node.get("Default");
    state.defaultNext = defaultNext == null ? null : defaultNext.asString();
  }

  private void waitState(StateDefinition state, JsonNode node) {
    int count = 0;
    if (node.has("Seconds")) {
      count++;
      state.seconds = number(state.name(), "Seconds", node.get("Seconds"), 0, 0);
    }
    if (node.has("Timestamp")) {
      count++;
      state.timestamp = node.get("Timestamp").asString();
      try {
        java.time.OffsetDateTime.parse(state.timestamp);
      } catch (java.time.format.DateTimeParseException e) {
        problem(state.name(), "Timestamp", "is not an ISO-8601 timestamp with a zone");
      }
    }
    if (node.has("SecondsPath")) {
      count++;
      state.secondsPath = path(state.name(), "SecondsPath", node.get("SecondsPath"));
    }
    if (node.has("TimestampPath")) {
      count++;
      state.timestampPath = path(state.name(), "TimestampPath", node.get("TimestampPath"));
    }
    if (count != 1) {
      problem(
          state.name(),
          "Seconds",
          "a Wait state has exactly one of Seconds, Timestamp, SecondsPath, " + "TimestampPath");
    }
  }

  private void fail(StateDefinition state, JsonNode node) {
    state.error = text(node.get("Error"));
    state.cause = text(node.get("Cause"));
    state.errorPath = path(state.name(), "ErrorPath", node.get("ErrorPath"));
    state.causePath = path(state.name(), "CausePath", node.get("CausePath"));
    if (state.error != null && state.errorPath != null) {
      problem(state.name(), "ErrorPath", "a Fail state has Error or ErrorPath, not both");
    }
    if (state.cause != null && state.causePath != null) {
      problem(state.name(), "CausePath", "a Fail state has Cause or CausePath, not both");
    }
  }

  private void map(StateDefinition state, JsonNode node) {
    state.itemsPath = path(state.name(), "ItemsPath", node.get("ItemsPath"));
    state.itemSelector = template(state.name(), node, "ItemSelector");
    if (state.itemSelector != null && state.parameters != null) {
      problem(state.name(), "ItemSelector", "a Map state has ItemSelector or Parameters, not both");
    }
    if (node.has("MaxConcurrency")) {
      state.maxConcurrency =
          (int) number(state.name(), "MaxConcurrency", node.get("MaxConcurrency"), 0, 0);
    }
    state.maxConcurrencyPath =
        path(state.name(), "MaxConcurrencyPath", node.get("MaxConcurrencyPath"));
    String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    JsonNode processor = node.get(field);
    if (processor == null || !processor.isObject()) {
      problem(
          state.name(), "ItemProcessor", "missing (a Map state needs ItemProcessor or Iterator)");
      return;
    }
    JsonNode config = processor.get("ProcessorConfig");
    if (config != null && config.has("Mode") && !"INLINE".equals(config.get("Mode").asString())) {
      problem(
          state.name(), field + ".ProcessorConfig.Mode", "only INLINE Map states are supported");
    }
    state.itemProcessor = scope(processor, state.name(), field + ".");
  }

  private void parallel(StateDefinition state, JsonNode node) {
    JsonNode branches = node.get("Branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problem(state.name(), "Branches", "must be a non-empty array");
      return;
    }
    List<StateDefinition.Scope> scopes = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      StateDefinition.Scope scope = scope(branches.get(i), state.name(), "Branches[" + i + "].");
      if (scope != null) {
        scopes.add(scope);
      }
    }
    state.branches = scopes;
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node == null ? null : node.asString();
  }

  /** Reports each field of {@code node} not in {@code allowed}, named {@code prefix + field}. */
  private void rejectUnknownFields(
      @Nullable String state, String prefix, JsonNode node, Set<String> allowed, String message) {
    for (String key : node.propertyNames()) {
      if (!allowed.contains(key)) {
        problem(state, prefix + key, message);
      }
    }
  }

  private void problem(@Nullable String state, String field, String message) {
    problems.add(new DefinitionProblem(state, field, message));
  }

  private DefinitionProblem.Reporter reporter(String state) {
    return (field, message) -> problem(state, field, message);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
