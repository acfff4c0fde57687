package io.github.py2sfn.tasktools.localrunner.internal;

import com.jayway.jsonpath.Configuration;
import io.github.py2sfn.tasktools.localrunner.DefinitionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

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
          "Pass", union(IO, TRANSITION, Set.of("ResultPath", "Parameters", "Result", "Assign")),
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
                      "HeartbeatSecondsPath",
                      "Assign")),
          "Choice", union(IO, Set.of("Choices", "Default", "Assign")),
          "Wait",
              union(
                  IO,
                  TRANSITION,
                  Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign")),
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
                      "Label",
                      "ToleratedFailurePercentage",
                      "ToleratedFailurePercentagePath",
                      "ToleratedFailureCount",
                      "ToleratedFailureCountPath",
                      "ItemReader",
                      "ItemBatcher",
                      "ResultWriter",
                      "Assign")),
          "Parallel", union(IO, TRANSITION, RESULT, ERRORS, Set.of("Branches", "Assign")));
  // Recognised but not executable locally: a precise message beats "unknown field".
  private static final Map<String, String> UNSUPPORTED =
      Map.of("Credentials", "cross-account Task Credentials are not supported");

  private static final List<String> TOLERANCE_FIELDS =
      List.of(
          "ToleratedFailurePercentage",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCount",
          "ToleratedFailureCountPath");

  static final String JSONPATH = "JSONPath";
  static final String JSONATA = "JSONata";
  // The fields only JSONata states have, rejected in a JSONPath state.
  private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");
  // The fields only JSONPath states have (and any other *Path), rejected in a JSONata state.
  private static final Set<String> JSONPATH_ONLY =
      Set.of("Parameters", "ResultSelector", "Result", "ResultPath");
  private static final Map<String, Set<String>> JSONATA_FIELDS =
      Map.of(
          "Pass", union(TRANSITION, Set.of("Output", "Assign")),
          "Task",
              union(
                  TRANSITION,
                  ERRORS,
                  Set.of(
                      "Output",
                      "Arguments",
                      "Resource",
                      "TimeoutSeconds",
                      "HeartbeatSeconds",
                      "Assign")),
          "Choice", Set.of("Choices", "Default", "Output", "Assign"),
          "Wait", union(TRANSITION, Set.of("Output", "Seconds", "Timestamp", "Assign")),
          "Succeed", Set.of("Output"),
          "Fail", Set.of("Error", "Cause"),
          "Map",
              union(
                  TRANSITION,
                  ERRORS,
                  Set.of(
                      "Items",
                      "ItemSelector",
                      "MaxConcurrency",
                      "ItemProcessor",
                      "Label",
                      "ToleratedFailurePercentage",
                      "ToleratedFailureCount",
                      "ItemReader",
                      "ItemBatcher",
                      "ResultWriter",
                      "Output",
                      "Assign")),
          "Parallel",
              union(TRANSITION, ERRORS, Set.of("Branches", "Arguments", "Output", "Assign")));
  private static final List<String> INPUT = List.of("input", "context");
  private static final List<String> RESULT_FIELDS = List.of("input", "context", "result");
  private static final List<String> ERROR_OUTPUT = List.of("input", "context", "errorOutput");
  // Fail state: ErrorPath and CausePath may use "an intrinsic function that returns a string. These
  // intrinsics are: States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode,
  // States.Base64Decode, States.Hash, and States.UUID."
  private static final List<String> FAIL_STATE_FUNCTIONS =
      List.of(
          "States.Format",
          "States.JsonToString",
          "States.ArrayGetItem",
          "States.Base64Encode",
          "States.Base64Decode",
          "States.Hash",
          "States.UUID");

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
    String machineLanguage = JSONPATH;
    if (language != null) {
      if (JSONATA.equals(language.asString()) || JSONPATH.equals(language.asString())) {
        machineLanguage = language.asString();
      } else {
        problem(null, "QueryLanguage", "must be JSONPath or JSONata, not '" + language + "'");
      }
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
    StateGraph states = graph(definition, null, "", machineLanguage);
    if (states != null) {
      checkScopes(states, Map.of());
    }
    if (!problems.isEmpty()) {
      throw exception();
    }
    return new CompiledDefinition(states, timeout);
  }

  /**
   * "Variable scope": each Map iteration and Parallel branch has a scope of its own, and a variable
   * assigned in an inner scope may not have the name of one assigned in an outer scope. The Map or
   * Parallel state's own {@code Assign} and its catchers' belong to the scope around it.
   *
   * @param outer the names the enclosing scopes assign, each with the state that does
   */
  private void checkScopes(StateGraph graph, Map<String, String> outer) {
    Map<String, String> here = new LinkedHashMap<>(outer);
    for (StateDefinition state : graph.states().values()) {
      for (StateDefinition.Assign assign : assigns(state)) {
        for (String variable : assign.names()) {
          String owner = outer.get(variable);
          if (owner != null) {
            problem(
                state.name(),
                assign.field(),
                "assigns '"
                    + variable
                    + "', which state '"
                    + owner
                    + "' of an outer scope assigns (an inner scope may not reuse the name)");
          }
          here.putIfAbsent(variable, state.name());
        }
      }
    }
    for (StateDefinition state : graph.states().values()) {
      if (state instanceof StateDefinition.MapState map) {
        // A Distributed Map's children are executions of their own, outside every scope here.
        checkScopes(map.itemProcessor(), map.distributed() == null ? here : Map.of());
      } else if (state instanceof StateDefinition.ParallelState parallel) {
        parallel.branches().forEach(branch -> checkScopes(branch, here));
      }
    }
  }

  /** Every {@code Assign} of a state: its own, its Choice rules', its catchers'. */
  private static List<StateDefinition.Assign> assigns(StateDefinition state) {
    List<StateDefinition.Assign> all = new ArrayList<>();
    StateDefinition.Assign own = null;
    if (state instanceof StateDefinition.PassState pass) {
      own = pass.assign();
    } else if (state instanceof StateDefinition.ChoiceState choice) {
      own = choice.assign();
    } else if (state instanceof StateDefinition.WaitState wait) {
      own = wait.assign();
    } else if (state instanceof StateDefinition.RetryableState retryable) {
      own = retryable.assign();
    }
    if (own != null) {
      all.add(own);
    }
    if (state instanceof StateDefinition.ChoiceState choice) {
      choice.choices().stream()
          .map(StateDefinition.ChoiceBranch::assign)
          .filter(java.util.Objects::nonNull)
          .forEach(all::add);
    }
    if (state instanceof StateDefinition.RetryableState retryable) {
      retryable.errors().catchers().stream()
          .map(StateDefinition.Catcher::assign)
          .filter(java.util.Objects::nonNull)
          .forEach(all::add);
    }
    return all;
  }

  private DefinitionException exception() {
    DefinitionProblem first = problems.get(0);
    return new DefinitionException(
        first.state(), first.field(), problems.stream().map(DefinitionProblem::describe).toList());
  }

  private @Nullable StateGraph graph(
      JsonNode node, @Nullable String owner, String prefix, String machineLanguage) {
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
    List<Transition> transitions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      ParsedState parsed = state(entry.getKey(), entry.getValue(), machineLanguage);
      if (parsed != null) {
        transitions.addAll(parsed.transitions());
        if (parsed.definition() != null) {
          compiled.put(entry.getKey(), parsed.definition());
        }
      }
    }
    if (startAt != null && startAt.isString() && !states.has(startAt.stringValue())) {
      problem(
          owner,
          where + "StartAt",
          "names no state in this scope: '" + startAt.stringValue() + "'");
    }
    for (Transition transition : transitions) {
      if (!states.has(transition.target())) {
        problem(
            transition.state(),
            transition.field(),
            "names no state in the same scope: '" + transition.target() + "'");
      }
    }
    return startAt == null ? null : new StateGraph(startAt.asString(), compiled);
  }

  /**
   * A state's record (null when it has a problem) and the transitions to check once its graph's
   * states are all known.
   */
  private record ParsedState(@Nullable StateDefinition definition, List<Transition> transitions) {}

  /** A field naming another state ({@code Next}, {@code Default}, a catcher's {@code Next}). */
  private record Transition(String state, String field, String target) {}

  /** The fields every state type is parsed for, whether or not the type has them. */
  private record CommonFields(
      String name,
      @Nullable String next,
      StateDefinition.Paths paths,
      @Nullable PayloadTemplate parameters,
      StateDefinition.ResultHandling result,
      StateDefinition.ErrorHandling errors,
      StateDefinition.@Nullable Assign assign) {}

  private @Nullable ParsedState state(String name, JsonNode node, String machineLanguage) {
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
    int problemsBefore = problems.size();
    JsonNode language = node.get("QueryLanguage");
    String stateLanguage = machineLanguage;
    if (language != null) {
      if (JSONATA.equals(language.asString())) {
        stateLanguage = JSONATA;
      } else if (!JSONPATH.equals(language.asString())) {
        problem(name, "QueryLanguage", "must be JSONPath or JSONata, not '" + language + "'");
      } else if (JSONATA.equals(machineLanguage)) {
        problem(
            name,
            "QueryLanguage",
            "a JSONPath state cannot be in a JSONata state machine (only the reverse)");
      }
    }
    if (JSONATA.equals(stateLanguage)) {
      return jsonataState(name, typeName, node, problemsBefore, machineLanguage);
    }
    for (String field : node.propertyNames()) {
      if (UNSUPPORTED.containsKey(field)) {
        problem(name, field, UNSUPPORTED.get(field));
      } else if (JSONATA_ONLY.contains(field)) {
        problem(name, field, "is a JSONata field, and this is a JSONPath state");
      } else if (!COMMON.contains(field) && !allowed.contains(field)) {
        problem(name, field, "is not a field of a " + typeName + " state");
      }
    }
    // Every type is checked for the common fields, so that a misplaced one is still validated.
    String next = transition(name, typeName, node);
    StateDefinition.Paths paths =
        new StateDefinition.Paths(
            selection(name, node, "InputPath"), selection(name, node, "OutputPath"));
    StateDefinition.ResultPlacement resultPath =
        node.has("ResultPath")
            ? placement(name, "ResultPath", node.get("ResultPath"))
            : StateDefinition.ResultPlacement.DEFAULT;
    PayloadTemplate parameters = template(name, node, "Parameters");
    PayloadTemplate resultSelector = template(name, node, "ResultSelector");
    List<StateDefinition.Retrier> retriers = retriers(name, node.get("Retry"));
    List<StateDefinition.Catcher> catchers = catchers(name, node.get("Catch"), false);
    StateDefinition.Assign assign =
        allowed.contains("Assign")
            ? assign(name, "Assign", node.get("Assign"), false, INPUT)
            : null;
    CommonFields common =
        new CommonFields(
            name,
            next,
            paths,
            parameters,
            new StateDefinition.ResultHandling(resultSelector, resultPath),
            new StateDefinition.ErrorHandling(retriers, catchers),
            assign);
    List<Transition> transitions = new ArrayList<>();
    if (next != null) {
      transitions.add(new Transition(name, "Next", next));
    }
    StateDefinition definition =
        switch (typeName) {
          case "Pass" ->
              new StateDefinition.PassState(
                  name, next, paths, parameters, node.get("Result"), resultPath, null, assign);
          case "Task" -> task(common, node);
          case "Choice" -> choice(name, paths, node, transitions, assign);
          case "Wait" -> waitState(name, next, paths, node, assign);
          case "Succeed" -> new StateDefinition.SucceedState(name, paths, null);
          case "Fail" -> fail(name, node);
          case "Map" -> map(common, node, machineLanguage);
          case "Parallel" -> parallel(common, node, machineLanguage);
          default -> throw new IllegalStateException(typeName);
        };
    for (int i = 0; i < catchers.size(); i++) {
      transitions.add(new Transition(name, "Catch[" + i + "].Next", catchers.get(i).next()));
    }
    return new ParsedState(problems.size() == problemsBefore ? definition : null, transitions);
  }

  /**
   * A JSONata state: its fields checked against the JSONata set (JSONPath-only ones named as such),
   * each field value compiled as a template.
   */
  private @Nullable ParsedState jsonataState(
      String name, String typeName, JsonNode node, int problemsBefore, String machineLanguage) {
    // Every state type has its JSONata fields; unknown types were refused with their Type.
    Set<String> allowed = Objects.requireNonNull(JSONATA_FIELDS.get(typeName), typeName);
    for (String field : node.propertyNames()) {
      if (UNSUPPORTED.containsKey(field)) {
        problem(name, field, UNSUPPORTED.get(field));
      } else if (JSONPATH_ONLY.contains(field) || field.endsWith("Path")) {
        problem(name, field, "is a JSONPath field, and this is a JSONata state");
      } else if (!COMMON.contains(field) && !allowed.contains(field)) {
        problem(name, field, "is not a field of a JSONata " + typeName + " state");
      }
    }
    String next = transition(name, typeName, node);
    List<Transition> transitions = new ArrayList<>();
    if (next != null) {
      transitions.add(new Transition(name, "Next", next));
    }
    DefinitionProblem.Reporter reporter = reporter(name);
    // The states whose Output and Assign see $states.result (a Map's or Parallel's: the array).
    boolean hasResult = Set.of("Task", "Map", "Parallel").contains(typeName);
    JsonataTemplate output =
        node.has("Output")
            ? JsonataTemplate.compile(
                node.get("Output"), "Output", hasResult ? RESULT_FIELDS : INPUT, reporter)
            : null;
    JsonataTemplate arguments =
        node.has("Arguments")
            ? JsonataTemplate.compile(node.get("Arguments"), "Arguments", INPUT, reporter)
            : null;
    Map<String, JsonataTemplate> fields = new LinkedHashMap<>();
    for (String field :
        List.of(
            "Seconds",
            "Timestamp",
            "Error",
            "Cause",
            "TimeoutSeconds",
            "MaxConcurrency",
            "ToleratedFailurePercentage",
            "ToleratedFailureCount")) {
      if (node.has(field) && allowed.contains(field)) {
        JsonNode value = node.get(field);
        boolean textual =
            field.equals("Timestamp") || field.equals("Error") || field.equals("Cause");
        boolean fraction = field.equals("ToleratedFailurePercentage");
        if (!JsonataTemplate.isExpression(value)
            && (textual
                ? !value.isString()
                : !(fraction ? value.isNumber() : value.isIntegralNumber()))) {
          problem(
              name,
              field,
              textual
                  ? "must be a string or a JSONata expression"
                  : fraction
                      ? "must be a number or a JSONata expression"
                      : "must be an integer or a JSONata expression");
        }
        fields.put(field, JsonataTemplate.compile(value, field, INPUT, reporter));
      }
    }
    if (node.has("Items") && allowed.contains("Items")) {
      JsonNode items = node.get("Items");
      if (!JsonataTemplate.isExpression(items) && !items.isArray()) {
        problem(name, "Items", "must be an array or a JSONata expression");
      }
      fields.put("Items", JsonataTemplate.compile(items, "Items", INPUT, reporter));
    }
    if (node.has("ItemSelector") && allowed.contains("ItemSelector")) {
      fields.put(
          "ItemSelector",
          JsonataTemplate.compile(node.get("ItemSelector"), "ItemSelector", INPUT, reporter));
    }
    if (node.has("HeartbeatSeconds")) {
      fields.put(
          "HeartbeatSeconds",
          JsonataTemplate.compile(
              node.get("HeartbeatSeconds"), "HeartbeatSeconds", INPUT, reporter));
    }
    StateDefinition.JsonataFields jsonata =
        new StateDefinition.JsonataFields(arguments, output, fields);
    StateDefinition.Assign assign =
        allowed.contains("Assign")
            ? assign(name, "Assign", node.get("Assign"), true, hasResult ? RESULT_FIELDS : INPUT)
            : null;
    StateDefinition.Paths paths = StateDefinition.Paths.DEFAULT;
    StateDefinition definition =
        switch (typeName) {
          case "Pass" ->
              new StateDefinition.PassState(
                  name,
                  next,
                  paths,
                  null,
                  null,
                  StateDefinition.ResultPlacement.DEFAULT,
                  jsonata,
                  assign);
          case "Succeed" -> new StateDefinition.SucceedState(name, paths, jsonata);
          case "Fail" -> new StateDefinition.FailState(name, null, null, null, null, jsonata);
          case "Wait" -> jsonataWait(name, next, node, jsonata, assign);
          case "Choice" -> jsonataChoice(name, node, jsonata, transitions, assign);
          case "Task" -> jsonataTask(name, next, node, jsonata, transitions, assign);
          case "Map" -> jsonataMap(name, next, node, jsonata, transitions, assign, machineLanguage);
          case "Parallel" ->
              jsonataParallel(name, next, node, jsonata, transitions, assign, machineLanguage);
          default -> throw new IllegalStateException(typeName);
        };
    return new ParsedState(problems.size() == problemsBefore ? definition : null, transitions);
  }

  private StateDefinition.@Nullable WaitState jsonataWait(
      String name,
      @Nullable String next,
      JsonNode node,
      StateDefinition.JsonataFields jsonata,
      StateDefinition.@Nullable Assign assign) {
    if (node.has("Seconds") == node.has("Timestamp")) {
      problem(name, "Seconds", "a JSONata Wait state has exactly one of Seconds, Timestamp");
      return null;
    }
    JsonataTemplate seconds = jsonata.fields().get("Seconds");
    WaitDuration duration =
        seconds != null
            ? new WaitDuration.SecondsExpression(seconds)
            : new WaitDuration.TimestampExpression(jsonata.fields().get("Timestamp"));
    return new StateDefinition.WaitState(
        name, next, StateDefinition.Paths.DEFAULT, duration, jsonata, assign);
  }

  /** A Choice state's rules, in either query language; {@code null} when there are none. */
  private @Nullable JsonNode choices(String name, JsonNode node) {
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problem(name, "Choices", "must be a non-empty array");
      return null;
    }
    return choices;
  }

  /** A Choice state's {@code Default}, recorded as a transition, in either query language. */
  private static @Nullable String defaultNext(
      String name, JsonNode node, List<Transition> transitions) {
    JsonNode defaultNode = node.get("Default");
    String defaultNext = defaultNode == null ? null : defaultNode.asString();
    if (defaultNext != null) {
      transitions.add(new Transition(name, "Default", defaultNext));
    }
    return defaultNext;
  }

  private StateDefinition.@Nullable ChoiceState jsonataChoice(
      String name,
      JsonNode node,
      StateDefinition.JsonataFields jsonata,
      List<Transition> transitions,
      StateDefinition.@Nullable Assign assign) {
    JsonNode choices = choices(name, node);
    if (choices == null) {
      return null;
    }
    List<StateDefinition.ChoiceBranch> compiled = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String field = "Choices[" + i + "]";
      if (!rule.isObject()) {
        problem(name, field, "must be an object");
        continue;
      }
      for (String key : rule.propertyNames()) {
        if (!Set.of("Condition", "Next", "Output", "Assign", "Comment").contains(key)) {
          problem(
              name,
              field + "." + key,
              key.equals("Variable")
                      || key.equals("And")
                      || key.equals("Or")
                      || key.equals("Not")
                      || ComparisonOperator.forFieldName(key.replaceFirst("Path$", "")) != null
                      || ValueType.forOperator(key) != null
                      || key.equals("IsPresent")
                  ? "is a JSONPath Choice rule field; a JSONata rule has a Condition"
                  : "is not a field of a JSONata Choice rule");
        }
      }
      JsonNode condition = rule.get("Condition");
      JsonNode next = rule.get("Next");
      if (condition == null) {
        problem(name, field + ".Condition", "missing");
        continue;
      }
      if (!JsonataTemplate.isExpression(condition) && !condition.isBoolean()) {
        problem(name, field + ".Condition", "must be a JSONata expression or a boolean");
      }
      if (next == null || !next.isString()) {
        problem(name, field + ".Next", "missing");
        continue;
      }
      JsonataTemplate output =
          rule.has("Output")
              ? JsonataTemplate.compile(
                  rule.get("Output"), field + ".Output", INPUT, reporter(name))
              : null;
      compiled.add(
          new StateDefinition.ChoiceBranch(
              new ChoiceRule.Condition(
                  JsonataTemplate.compile(condition, field + ".Condition", INPUT, reporter(name)),
                  field + ".Condition"),
              next.stringValue(),
              output,
              assign(name, field + ".Assign", rule.get("Assign"), true, INPUT)));
      transitions.add(new Transition(name, field + ".Next", next.stringValue()));
    }
    String defaultNext = defaultNext(name, node, transitions);
    return new StateDefinition.ChoiceState(
        name, StateDefinition.Paths.DEFAULT, compiled, defaultNext, jsonata, assign);
  }

  private StateDefinition.@Nullable TaskState jsonataTask(
      String name,
      @Nullable String next,
      JsonNode node,
      StateDefinition.JsonataFields jsonata,
      List<Transition> transitions,
      StateDefinition.@Nullable Assign assign) {
    StateDefinition.ErrorHandling errors = jsonataErrors(name, node, transitions);
    StateDefinition.TaskTarget target = taskTarget(name, node, "Arguments");
    return target == null
        ? null
        : new StateDefinition.TaskState(
            name,
            next,
            StateDefinition.Paths.DEFAULT,
            null,
            new StateDefinition.ResultHandling(null, StateDefinition.ResultPlacement.DEFAULT),
            errors,
            target,
            null,
            null,
            null,
            null,
            jsonata,
            assign);
  }

  /**
   * A JSONata Map state (inline): {@code Items}, {@code ItemSelector} and {@code MaxConcurrency}
   * are in {@code jsonata.fields()}; the states of its {@code ItemProcessor} are compiled as those
   * of a Map in the machine's language (each may set its own).
   */
  private StateDefinition.@Nullable MapState jsonataMap(
      String name,
      @Nullable String next,
      JsonNode node,
      StateDefinition.JsonataFields jsonata,
      List<Transition> transitions,
      StateDefinition.@Nullable Assign assign,
      String machineLanguage) {
    StateDefinition.ErrorHandling errors = jsonataErrors(name, node, transitions);
    JsonNode processor = node.get("ItemProcessor");
    if (processor == null || !processor.isObject()) {
      problem(name, "ItemProcessor", "missing (a Map state needs ItemProcessor)");
      return null;
    }
    StateDefinition.@Nullable Distributed distributed =
        distributed(name, node, "ItemProcessor", processor, StateDefinition.Tolerance.NONE, true);
    StateGraph itemProcessor = graph(processor, name, "ItemProcessor.", machineLanguage);
    return itemProcessor == null
        ? null
        : new StateDefinition.MapState(
            name,
            next,
            StateDefinition.Paths.DEFAULT,
            null,
            null,
            itemProcessor,
            0,
            null,
            new StateDefinition.ResultHandling(null, StateDefinition.ResultPlacement.DEFAULT),
            errors,
            assign,
            jsonata,
            distributed);
  }

  /** A JSONata Parallel state: {@code Arguments} make the branches' input. */
  private StateDefinition.@Nullable ParallelState jsonataParallel(
      String name,
      @Nullable String next,
      JsonNode node,
      StateDefinition.JsonataFields jsonata,
      List<Transition> transitions,
      StateDefinition.@Nullable Assign assign,
      String machineLanguage) {
    StateDefinition.ErrorHandling errors = jsonataErrors(name, node, transitions);
    List<StateGraph> graphs = branches(name, node, machineLanguage);
    if (graphs == null) {
      return null;
    }
    return new StateDefinition.ParallelState(
        name,
        next,
        StateDefinition.Paths.DEFAULT,
        null,
        graphs,
        new StateDefinition.ResultHandling(null, StateDefinition.ResultPlacement.DEFAULT),
        errors,
        assign,
        jsonata);
  }

  private StateDefinition.ErrorHandling jsonataErrors(
      String name, JsonNode node, List<Transition> transitions) {
    List<StateDefinition.Retrier> retriers = retriers(name, node.get("Retry"));
    List<StateDefinition.Catcher> catchers = catchers(name, node.get("Catch"), true);
    for (int i = 0; i < catchers.size(); i++) {
      transitions.add(new Transition(name, "Catch[" + i + "].Next", catchers.get(i).next()));
    }
    return new StateDefinition.ErrorHandling(retriers, catchers);
  }

  /** The {@code Next} of a state that needs {@code Next} or {@code End}; null at an end. */
  private @Nullable String transition(String state, String typeName, JsonNode node) {
    if (Set.of("Succeed", "Fail", "Choice").contains(typeName)) {
      return null;
    }
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    if (next != null && end != null) {
      problem(state, "Next", "a state has either Next or End, not both");
    } else if (next != null) {
      if (next.isString()) {
        return next.stringValue();
      }
      problem(state, "Next", "must be a state name");
    } else if (end == null || !end.isBoolean() || !end.booleanValue()) {
      problem(state, "Next", "missing (a non-terminal state needs Next or \"End\": true)");
    }
    return null;
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

  /**
   * Compiles an {@code Assign} object: each key a variable name ("Variable name syntax"; in a
   * JSONPath state a key ending in {@code .$} takes a path or intrinsic function), each value a
   * template of the state's language; null when there is none.
   *
   * @param available the {@code $states} members a JSONata value may use
   */
  private StateDefinition.@Nullable Assign assign(
      String state,
      String field,
      @Nullable JsonNode value,
      boolean jsonata,
      List<String> available) {
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      problem(state, field, "must be an object of variable names and values");
      return null;
    }
    int before = problems.size();
    List<String> names = new ArrayList<>();
    for (String key : value.propertyNames()) {
      String variable = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      String invalid = VariableNames.problem(variable);
      if (invalid != null) {
        problem(state, field + "." + key, invalid);
      } else if (names.contains(variable)) {
        problem(state, field + "." + key, "assigns '" + variable + "' twice");
      } else {
        names.add(variable);
      }
    }
    JsonataTemplate template =
        jsonata ? JsonataTemplate.compile(value, field, available, reporter(state)) : null;
    PayloadTemplate payload = null;
    if (!jsonata) {
      try {
        payload = PayloadTemplate.compile(value, field, configuration, mapper);
      } catch (IllegalArgumentException e) {
        problem(state, field, e.getMessage());
      }
    }
    return problems.size() == before
        ? new StateDefinition.Assign(field, names, template, payload)
        : null;
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

  private List<StateDefinition.Catcher> catchers(
      String state, @Nullable JsonNode catchNode, boolean jsonata) {
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
          c.has("ResultPath") && !jsonata
              ? placement(state, field + ".ResultPath", c.get("ResultPath"))
              : StateDefinition.ResultPlacement.DEFAULT;
      JsonataTemplate output =
          jsonata && c.has("Output")
              ? JsonataTemplate.compile(
                  c.get("Output"), field + ".Output", ERROR_OUTPUT, reporter(state))
              : null;
      JsonNode next = c.get("Next");
      if (next == null || !next.isString()) {
        problem(state, field + ".Next", "missing");
        continue;
      }
      StateDefinition.Assign assign =
          assign(state, field + ".Assign", c.get("Assign"), jsonata, ERROR_OUTPUT);
      for (String key : c.propertyNames()) {
        if (jsonata && key.equals("ResultPath")) {
          problem(state, field + ".ResultPath", "is a JSONPath field, and this is a JSONata state");
        } else if (!jsonata && key.equals("Output")) {
          problem(state, field + ".Output", "is a JSONata field, and this is a JSONPath state");
        } else if (!Set.of("ErrorEquals", "ResultPath", "Output", "Assign", "Next", "Comment")
            .contains(key)) {
          problem(state, field + "." + key, "is not a field of a catcher");
        }
      }
      result.add(
          new StateDefinition.Catcher(errors, placement, next.stringValue(), output, assign));
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

  /**
   * What a Task state's {@code Resource} calls, its function checked to exist when it is named
   * statically; null (with the problem reported) when there is nothing to call.
   *
   * @param payloadField the field holding the request, {@code Parameters} or {@code Arguments}
   */
  private StateDefinition.@Nullable TaskTarget taskTarget(
      String name, JsonNode node, String payloadField) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isString()) {
      problem(name, "Resource", "missing");
      return null;
    }
    StateDefinition.TaskTarget target =
        resources.resolve(
            resource.stringValue(), node.get(payloadField), payloadField, reporter(name));
    String function = target == null ? null : target.functionName();
    if (function != null && !functionExists.test(function)) {
      problem(
          name,
          target.lambdaInvoke() ? payloadField + ".FunctionName" : "Resource",
          "no function '"
              + function
              + "' to invoke (add the bean, or map the resource with an override)");
    }
    return target;
  }

  private StateDefinition.@Nullable TaskState task(CommonFields common, JsonNode node) {
    String name = common.name();
    StateDefinition.TaskTarget target = taskTarget(name, node, "Parameters");
    if (target == null && !node.path("Resource").isString()) {
      return null;
    }
    JsonNode timeout = node.get("TimeoutSeconds");
    Double timeoutSeconds = timeout == null ? null : number(name, "TimeoutSeconds", timeout, 0, 1);
    JsonPathExpression timeoutSecondsPath =
        path(name, "TimeoutSecondsPath", node.get("TimeoutSecondsPath"));
    JsonNode heartbeat = node.get("HeartbeatSeconds");
    Double heartbeatSeconds =
        heartbeat == null ? null : number(name, "HeartbeatSeconds", heartbeat, 0, 1);
    JsonPathExpression heartbeatSecondsPath =
        path(name, "HeartbeatSecondsPath", node.get("HeartbeatSecondsPath"));
    return target == null
        ? null
        : new StateDefinition.TaskState(
            name,
            common.next(),
            common.paths(),
            common.parameters(),
            common.result(),
            common.errors(),
            target,
            timeoutSeconds,
            timeoutSecondsPath,
            heartbeatSeconds,
            heartbeatSecondsPath,
            null,
            common.assign());
  }

  private StateDefinition.@Nullable ChoiceState choice(
      String name,
      StateDefinition.Paths paths,
      JsonNode node,
      List<Transition> transitions,
      StateDefinition.@Nullable Assign assign) {
    JsonNode choices = choices(name, node);
    if (choices == null) {
      return null;
    }
    List<StateDefinition.ChoiceBranch> compiled = new ArrayList<>();
    // Rule problems follow the missing-Next ones, as they always have.
    List<DefinitionProblem> ruleProblems = new ArrayList<>();
    DefinitionProblem.Reporter reporter =
        (field, message) -> ruleProblems.add(new DefinitionProblem(name, field, message));
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String field = "Choices[" + i + "]";
      JsonNode next = rule.get("Next");
      for (String jsonataField : List.of("Condition", "Output")) {
        if (rule.has(jsonataField)) {
          ruleProblems.add(
              new DefinitionProblem(
                  name,
                  field + "." + jsonataField,
                  "is a JSONata field, and this is a JSONPath state"));
        }
      }
      // A rule's Assign is the rule's, not part of its test.
      JsonNode test = rule;
      if (rule instanceof ObjectNode object && object.has("Assign")) {
        ObjectNode copy = object.deepCopy();
        copy.remove("Assign");
        test = copy;
      }
      ChoiceRule compiledRule = ChoiceRule.compile(test, field, configuration, reporter);
      StateDefinition.Assign ruleAssign =
          assign(name, field + ".Assign", rule.get("Assign"), false, INPUT);
      if (next == null || !next.isString()) {
        problem(name, field + ".Next", "missing");
      } else if (compiledRule != null) {
        compiled.add(
            new StateDefinition.ChoiceBranch(compiledRule, next.stringValue(), null, ruleAssign));
      }
    }
    problems.addAll(ruleProblems);
    String defaultNext = defaultNext(name, node, transitions);
    for (int i = 0; i < compiled.size(); i++) {
      transitions.add(new Transition(name, "Choices[" + i + "].Next", compiled.get(i).next()));
    }
    return new StateDefinition.ChoiceState(name, paths, compiled, defaultNext, null, assign);
  }

  private StateDefinition.@Nullable WaitState waitState(
      String name,
      @Nullable String next,
      StateDefinition.Paths paths,
      JsonNode node,
      StateDefinition.@Nullable Assign assign) {
    // Each field is checked before their count, so that every problem is reported.
    WaitDuration duration = null;
    if (node.has("Seconds")) {
      // Wait state: "You must specify time as an integer value from 0 to 99999999."
      JsonNode seconds = node.get("Seconds");
      if (seconds.isIntegralNumber() && seconds.asLong() >= 0 && seconds.asLong() <= 99_999_999) {
        duration = new WaitDuration.Seconds(seconds.asLong());
      } else {
        problem(name, "Seconds", "must be an integer from 0 to 99999999");
      }
    }
    if (node.has("Timestamp")) {
      Instant until = Timestamps.parse(node.get("Timestamp").asString());
      if (until == null) {
        problem(
            name,
            "Timestamp",
            "is not an RFC 3339 timestamp (uppercase T, seconds, and Z or a numeric offset)");
      } else {
        duration = new WaitDuration.Timestamp(until);
      }
    }
    if (node.has("SecondsPath")) {
      JsonPathExpression path = path(name, "SecondsPath", node.get("SecondsPath"));
      duration = path == null ? null : new WaitDuration.SecondsPath(path);
    }
    if (node.has("TimestampPath")) {
      JsonPathExpression path = path(name, "TimestampPath", node.get("TimestampPath"));
      duration = path == null ? null : new WaitDuration.TimestampPath(path);
    }
    long given =
        Stream.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").filter(node::has).count();
    if (given != 1) {
      problem(
          name,
          "Seconds",
          "a Wait state has exactly one of Seconds, Timestamp, SecondsPath, TimestampPath");
      return null;
    }
    return duration == null
        ? null
        : new StateDefinition.WaitState(name, next, paths, duration, null, assign);
  }

  private StateDefinition.@Nullable FailState fail(String name, JsonNode node) {
    String error = text(node.get("Error"));
    String cause = text(node.get("Cause"));
    DynamicValue errorPath = failPath(name, "ErrorPath", node.get("ErrorPath"));
    DynamicValue causePath = failPath(name, "CausePath", node.get("CausePath"));
    if (error != null && errorPath != null) {
      problem(name, "ErrorPath", "a Fail state has Error or ErrorPath, not both");
    }
    if (cause != null && causePath != null) {
      problem(name, "CausePath", "a Fail state has Cause or CausePath, not both");
    }
    return new StateDefinition.FailState(name, error, errorPath, cause, causePath, null);
  }

  /**
   * A Fail state's {@code ErrorPath} or {@code CausePath}: a reference path, or a call of one of
   * {@link #FAIL_STATE_FUNCTIONS}.
   */
  private @Nullable DynamicValue failPath(String state, String field, @Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      problem(state, field, "must be a reference path or an intrinsic function call");
      return null;
    }
    String text = value.stringValue();
    try {
      if (!IntrinsicCall.looksLikeCall(text)) {
        return new DynamicValue.Path(JsonPathExpression.compileReferencePath(text, configuration));
      }
      IntrinsicCall call = IntrinsicCall.parse(text, configuration, mapper);
      if (!FAIL_STATE_FUNCTIONS.contains(call.functionName())) {
        problem(
            state,
            field,
            call.functionName()
                + " is not an intrinsic function a Fail state allows ("
                + String.join(", ", FAIL_STATE_FUNCTIONS)
                + ")");
        return null;
      }
      return new DynamicValue.Call(call);
    } catch (IllegalArgumentException e) {
      problem(state, field, e.getMessage());
      return null;
    }
  }

  private StateDefinition.@Nullable MapState map(
      CommonFields common, JsonNode node, String machineLanguage) {
    String name = common.name();
    JsonPathExpression itemsPath = path(name, "ItemsPath", node.get("ItemsPath"));
    PayloadTemplate itemSelector = template(name, node, "ItemSelector");
    if (itemSelector != null && common.parameters() != null) {
      problem(name, "ItemSelector", "a Map state has ItemSelector or Parameters, not both");
    }
    int maxConcurrency =
        node.has("MaxConcurrency")
            ? (int) number(name, "MaxConcurrency", node.get("MaxConcurrency"), 0, 0)
            : 0;
    JsonPathExpression maxConcurrencyPath =
        path(name, "MaxConcurrencyPath", node.get("MaxConcurrencyPath"));
    String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    JsonNode processor = node.get(field);
    if (processor == null || !processor.isObject()) {
      problem(name, "ItemProcessor", "missing (a Map state needs ItemProcessor or Iterator)");
      return null;
    }
    StateDefinition.@Nullable Distributed distributed =
        distributed(name, node, field, processor, tolerance(name, node), false);
    StateGraph itemProcessor = graph(processor, name, field + ".", machineLanguage);
    return itemProcessor == null
        ? null
        : new StateDefinition.MapState(
            name,
            common.next(),
            common.paths(),
            itemsPath,
            // The legacy Parameters of a Map state is what ItemSelector replaced.
            itemSelector != null ? itemSelector : common.parameters(),
            itemProcessor,
            maxConcurrency,
            maxConcurrencyPath,
            common.result(),
            common.errors(),
            common.assign(),
            null,
            distributed);
  }

  /**
   * A Map state's {@code ProcessorConfig}: null for {@code Mode: INLINE} (the default), the runtime
   * settings for {@code Mode: DISTRIBUTED}, whose {@code ExecutionType} is {@code STANDARD} or
   * {@code EXPRESS} (Distributed Map state,
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
   */
  private StateDefinition.@Nullable Distributed distributed(
      String name,
      JsonNode node,
      String field,
      JsonNode processor,
      StateDefinition.Tolerance tolerance,
      boolean jsonata) {
    JsonNode config = processor.get("ProcessorConfig");
    String mode = config == null ? null : text(config.get("Mode"));
    if (mode == null || "INLINE".equals(mode)) {
      for (String tolerated : TOLERANCE_FIELDS) {
        if (node.has(tolerated)) {
          problem(name, tolerated, "only a DISTRIBUTED Map state tolerates failed items");
        }
      }
      if (node.has("ItemReader")) {
        problem(name, "ItemReader", "only a DISTRIBUTED Map state reads items with ItemReader");
      }
      if (node.has("ItemBatcher")) {
        problem(name, "ItemBatcher", "only a DISTRIBUTED Map state batches items");
      }
      if (node.has("ResultWriter")) {
        problem(name, "ResultWriter", "only a DISTRIBUTED Map state writes results");
      }
      return null;
    }
    String prefix = field + ".ProcessorConfig.";
    if (!"DISTRIBUTED".equals(mode)) {
      problem(name, prefix + "Mode", "must be INLINE or DISTRIBUTED");
      return null;
    }
    String executionType = text(config.get("ExecutionType"));
    if (executionType == null) {
      problem(name, prefix + "ExecutionType", "missing (a DISTRIBUTED Map state needs it)");
    } else if (!Set.of("STANDARD", "EXPRESS").contains(executionType)) {
      problem(name, prefix + "ExecutionType", "must be STANDARD or EXPRESS");
    }
    String label = text(node.get("Label"));
    JsonNode reader = node.get("ItemReader");
    JsonNode batcher = node.get("ItemBatcher");
    JsonNode writer = node.get("ResultWriter");
    return new StateDefinition.Distributed(
        label == null ? name : label,
        tolerance,
        reader == null ? null : itemReader(name, node, reader, jsonata),
        batcher == null ? null : itemBatcher(name, batcher, jsonata),
        writer == null ? null : resultWriter(name, writer, jsonata));
  }

  /**
   * {@code ResultWriter} (ResultWriter (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html, "Contents
   * of the ResultWriter field" and "Required field combinations"): not empty; {@code WriterConfig}
   * alone, {@code Resource} with {@code Parameters} (JSONata: {@code Arguments}), or all three.
   * {@code Resource} is {@code arn:aws:states:::s3:putObject}; the request needs {@code Bucket}.
   */
  private StateDefinition.@Nullable ResultWriter resultWriter(
      String name, JsonNode writer, boolean jsonata) {
    if (!writer.isObject()) {
      problem(name, "ResultWriter", "must be an object");
      return null;
    }
    String arguments = jsonata ? "Arguments" : "Parameters";
    rejectUnknownFields(
        name,
        "ResultWriter.",
        writer,
        Set.of("Resource", arguments, "WriterConfig"),
        "not a field of ResultWriter");
    JsonNode resource = writer.get("Resource");
    JsonNode request = writer.get(arguments);
    JsonNode config = writer.get("WriterConfig");
    if (resource == null && request == null && config == null) {
      problem(
          name,
          "ResultWriter",
          "cannot be empty: give WriterConfig, Resource and " + arguments + ", or all three");
      return null;
    }
    if (resource != null && !"arn:aws:states:::s3:putObject".equals(text(resource))) {
      problem(name, "ResultWriter.Resource", "must be arn:aws:states:::s3:putObject");
    }
    if (resource != null && request == null) {
      problem(name, "ResultWriter." + arguments, "missing (Resource needs it, with a Bucket)");
    }
    if (resource == null && request != null) {
      problem(name, "ResultWriter.Resource", "missing (" + arguments + " need it)");
    }
    boolean wholeExpression = jsonata && request != null && JsonataTemplate.isExpression(request);
    if (request != null && !request.isObject() && !wholeExpression) {
      problem(name, "ResultWriter." + arguments, "must be an object");
      request = null;
    } else if (request != null
        && !wholeExpression
        && !request.has("Bucket")
        && !(!jsonata && request.has("Bucket.$"))) {
      problem(name, "ResultWriter." + arguments + ".Bucket", "missing");
    }
    StateDefinition.WriterConfig writerConfig = config == null ? null : writerConfig(name, config);
    PayloadTemplate parameters = null;
    JsonataTemplate jsonataArguments = null;
    if (request != null && resource != null) {
      String field = "ResultWriter." + arguments;
      if (jsonata) {
        jsonataArguments = JsonataTemplate.compile(request, field, INPUT, reporter(name));
      } else {
        try {
          parameters = PayloadTemplate.compile(request, field, configuration, mapper);
        } catch (IllegalArgumentException e) {
          problem(name, field, e.getMessage());
        }
      }
    }
    return new StateDefinition.ResultWriter(parameters, jsonataArguments, writerConfig);
  }

  /**
   * {@code WriterConfig}: {@code Transformation} {@code NONE}, {@code COMPACT} or {@code FLATTEN}
   * and {@code OutputType} {@code JSON} or {@code JSONL}, both required.
   */
  private StateDefinition.@Nullable WriterConfig writerConfig(String name, JsonNode config) {
    if (!config.isObject()) {
      problem(name, "ResultWriter.WriterConfig", "must be an object");
      return null;
    }
    rejectUnknownFields(
        name,
        "ResultWriter.WriterConfig.",
        config,
        Set.of("Transformation", "OutputType"),
        "not a field of WriterConfig");
    StateDefinition.Transformation transformation =
        enumField(
            name,
            config,
            "Transformation",
            StateDefinition.Transformation.class,
            "NONE, COMPACT or FLATTEN");
    StateDefinition.OutputType outputType =
        enumField(name, config, "OutputType", StateDefinition.OutputType.class, "JSON or JSONL");
    return transformation == null || outputType == null
        ? null
        : new StateDefinition.WriterConfig(transformation, outputType);
  }

  private <E extends Enum<E>> @Nullable E enumField(
      String name, JsonNode config, String field, Class<E> type, String allowed) {
    JsonNode value = config.get(field);
    String where = "ResultWriter.WriterConfig." + field;
    if (value == null) {
      problem(name, where, "missing (must be " + allowed + ")");
      return null;
    }
    for (E known : type.getEnumConstants()) {
      if (value.isString() && known.name().equals(value.stringValue())) {
        return known;
      }
    }
    problem(name, where, "must be " + allowed);
    return null;
  }

  /**
   * {@code ItemBatcher} (ItemBatcher (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html): {@code
   * MaxItemsPerBatch} (1 or more) and/or {@code MaxInputBytesPerBatch} (up to 256 KiB), in JSONPath
   * also as {@code Path}s, in JSONata as expressions; {@code BatchInput} a template.
   */
  private StateDefinition.@Nullable ItemBatcher itemBatcher(
      String name, JsonNode batcher, boolean jsonata) {
    if (!batcher.isObject()) {
      problem(name, "ItemBatcher", "must be an object");
      return null;
    }
    List<String> limits = List.of("MaxItemsPerBatch", "MaxInputBytesPerBatch");
    Set<String> allowed = new java.util.HashSet<>(limits);
    allowed.add("BatchInput");
    if (!jsonata) {
      allowed.add("MaxItemsPerBatchPath");
      allowed.add("MaxInputBytesPerBatchPath");
    }
    rejectUnknownFields(name, "ItemBatcher.", batcher, allowed, "not a field of ItemBatcher");
    if (limits.stream()
        .noneMatch(limit -> batcher.has(limit) || (!jsonata && batcher.has(limit + "Path")))) {
      problem(name, "ItemBatcher", "needs MaxItemsPerBatch or MaxInputBytesPerBatch");
    }
    if (jsonata) {
      Map<String, JsonataTemplate> fields = new LinkedHashMap<>();
      for (String field : allowed) {
        if (batcher.has(field)) {
          fields.put(
              field,
              JsonataTemplate.compile(
                  batcher.get(field), "ItemBatcher." + field, INPUT, reporter(name)));
        }
      }
      return new StateDefinition.ItemBatcher(null, null, null, null, null, fields);
    }
    return new StateDefinition.ItemBatcher(
        batchLimit(name, batcher, "MaxItemsPerBatch", Long.MAX_VALUE),
        path(name, "ItemBatcher.MaxItemsPerBatchPath", batcher.get("MaxItemsPerBatchPath")),
        batchLimit(name, batcher, "MaxInputBytesPerBatch", DataLimits.MAX_PAYLOAD_BYTES),
        path(
            name,
            "ItemBatcher.MaxInputBytesPerBatchPath",
            batcher.get("MaxInputBytesPerBatchPath")),
        template(name, batcher, "BatchInput"),
        Map.of());
  }

  private @Nullable Long batchLimit(String name, JsonNode batcher, String field, long maximum) {
    JsonNode value = batcher.get(field);
    if (value == null) {
      return null;
    }
    if (batcher.has(field + "Path")) {
      problem(name, "ItemBatcher." + field + "Path", "has " + field + " or its Path, not both");
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > maximum) {
      problem(name, "ItemBatcher." + field, "must be an integer from 1 to " + maximum);
      return null;
    }
    return value.asLong();
  }

  /**
   * {@code ItemReader} with {@code arn:aws:states:::s3:getObject} (its {@code
   * ReaderConfig.InputType} JSON, JSONL, or CSV with {@code CSVHeaderLocation: FIRST_ROW}) or
   * {@code arn:aws:states:::s3:listObjectsV2} (ItemReader (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
   */
  private StateDefinition.@Nullable ItemReader itemReader(
      String name, JsonNode node, JsonNode reader, boolean jsonata) {
    String items = jsonata ? "Items" : "ItemsPath";
    if (node.has(items)) {
      problem(
          name, items, "a Map state reads its items with ItemReader or " + items + ", not both");
    }
    if (!reader.isObject()) {
      problem(name, "ItemReader", "must be an object");
      return null;
    }
    String arguments = jsonata ? "Arguments" : "Parameters";
    rejectUnknownFields(
        name,
        "ItemReader.",
        reader,
        Set.of("Resource", "ReaderConfig", arguments),
        "not a field of a supported ItemReader");
    String resource = text(reader.get("Resource"));
    StateDefinition.ItemSource source;
    if ("arn:aws:states:::s3:getObject".equals(resource)) {
      source = StateDefinition.ItemSource.GET_OBJECT;
    } else if ("arn:aws:states:::s3:listObjectsV2".equals(resource)) {
      source = StateDefinition.ItemSource.LIST_OBJECTS_V2;
    } else {
      problem(
          name,
          "ItemReader.Resource",
          "must be arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2");
      return null;
    }
    JsonNode config = reader.get("ReaderConfig");
    StateDefinition.InputType inputType = StateDefinition.InputType.JSON;
    if (source == StateDefinition.ItemSource.GET_OBJECT) {
      inputType = inputType(name, config);
    } else if (config != null) {
      problem(name, "ItemReader.ReaderConfig", "not supported with listObjectsV2");
    }
    JsonNode value = reader.get(arguments);
    if (value == null || !value.isObject()) {
      problem(name, "ItemReader." + arguments, "missing (the reader needs Bucket)");
      return null;
    }
    return jsonata
        ? new StateDefinition.ItemReader(
            source,
            inputType,
            null,
            JsonataTemplate.compile(value, "ItemReader.Arguments", INPUT, reporter(name)))
        : new StateDefinition.ItemReader(
            source, inputType, template(name, reader, "Parameters"), null);
  }

  private StateDefinition.InputType inputType(String name, @Nullable JsonNode config) {
    if (config == null || !config.isObject()) {
      problem(name, "ItemReader.ReaderConfig", "missing (getObject needs InputType)");
      return StateDefinition.InputType.JSON;
    }
    rejectUnknownFields(
        name,
        "ItemReader.ReaderConfig.",
        config,
        Set.of("InputType", "CSVHeaderLocation"),
        "not a supported ReaderConfig field");
    String type = text(config.get("InputType"));
    if ("CSV".equals(type) && !"FIRST_ROW".equals(text(config.get("CSVHeaderLocation")))) {
      problem(
          name,
          "ItemReader.ReaderConfig.CSVHeaderLocation",
          "only FIRST_ROW is supported (the header in the object's first row)");
    }
    if (!"CSV".equals(type) && config.has("CSVHeaderLocation")) {
      problem(name, "ItemReader.ReaderConfig.CSVHeaderLocation", "applies to CSV only");
    }
    for (StateDefinition.InputType known : StateDefinition.InputType.values()) {
      if (known.name().equals(type)) {
        return known;
      }
    }
    problem(name, "ItemReader.ReaderConfig.InputType", "must be JSON, JSONL or CSV");
    return StateDefinition.InputType.JSON;
  }

  /**
   * A JSONPath Distributed Map's tolerated failure threshold: {@code ToleratedFailurePercentage} (0
   * to 100) or its {@code Path}, {@code ToleratedFailureCount} (0 or more) or its {@code Path}
   * (Tolerated failure threshold for Distributed Map state,
   * https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html).
   */
  private StateDefinition.Tolerance tolerance(String name, JsonNode node) {
    JsonNode percentage = node.get("ToleratedFailurePercentage");
    JsonNode count = node.get("ToleratedFailureCount");
    if (percentage != null && node.has("ToleratedFailurePercentagePath")) {
      problem(
          name,
          "ToleratedFailurePercentagePath",
          "a Map state has ToleratedFailurePercentage or ToleratedFailurePercentagePath, not both");
    }
    if (count != null && node.has("ToleratedFailureCountPath")) {
      problem(
          name,
          "ToleratedFailureCountPath",
          "a Map state has ToleratedFailureCount or ToleratedFailureCountPath, not both");
    }
    boolean percentageValid =
        percentage != null
            && percentage.isNumber()
            && percentage.asDouble() >= 0
            && percentage.asDouble() <= 100;
    if (percentage != null && !percentageValid) {
      problem(name, "ToleratedFailurePercentage", "must be a number from 0 to 100");
    }
    boolean countValid = count != null && count.isIntegralNumber() && count.asLong() >= 0;
    if (count != null && !countValid) {
      problem(name, "ToleratedFailureCount", "must be an integer of at least 0");
    }
    return new StateDefinition.Tolerance(
        percentageValid ? percentage.asDouble() : null,
        path(name, "ToleratedFailurePercentagePath", node.get("ToleratedFailurePercentagePath")),
        countValid ? count.asLong() : null,
        path(name, "ToleratedFailureCountPath", node.get("ToleratedFailureCountPath")));
  }

  /** A Parallel state's branches, in either query language; {@code null} when there are none. */
  private @Nullable List<StateGraph> branches(String name, JsonNode node, String machineLanguage) {
    JsonNode branches = node.get("Branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problem(name, "Branches", "must be a non-empty array");
      return null;
    }
    List<StateGraph> graphs = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      StateGraph graph = graph(branches.get(i), name, "Branches[" + i + "].", machineLanguage);
      if (graph != null) {
        graphs.add(graph);
      }
    }
    return graphs;
  }

  private StateDefinition.@Nullable ParallelState parallel(
      CommonFields common, JsonNode node, String machineLanguage) {
    String name = common.name();
    List<StateGraph> graphs = branches(name, node, machineLanguage);
    if (graphs == null) {
      return null;
    }
    return new StateDefinition.ParallelState(
        name,
        common.next(),
        common.paths(),
        common.parameters(),
        graphs,
        common.result(),
        common.errors(),
        common.assign(),
        null);
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
