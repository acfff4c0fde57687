package io.github.py2sfn.tasktools.test.runner.internal;

import com.jayway.jsonpath.Configuration;
import io.github.py2sfn.tasktools.test.runner.ExecutionResult;
import io.github.py2sfn.tasktools.test.runner.ExecutionStatus;
import io.github.py2sfn.tasktools.test.runner.HistoryEvent;
import io.github.py2sfn.tasktools.test.runner.HistoryEventType;
import io.github.py2sfn.tasktools.test.runner.MirroredExecution;
import io.github.py2sfn.tasktools.test.runner.StateMachineRunnerException;
import io.github.py2sfn.tasktools.test.runner.TaskFailedException;
import io.github.py2sfn.tasktools.test.runner.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ASL interpreter behind {@code LocalStateMachineRunner}: compiles a definition once and runs
 * executions of it.
 */
public final class Engine {

  /** AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says. */
  static final int INLINE_MAP_CONCURRENCY = 40;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;
  private static final Duration STOP_POLL = Duration.ofSeconds(1);

  private final EngineSettings settings;
  private final CompiledDefinition definition;
  private final TaskResources resources;

  /**
   * Validates and compiles a definition.
   *
   * @param definition the ASL definition
   * @param settings the invoker, options and names
   * @throws io.github.py2sfn.tasktools.test.runner.DefinitionException when it cannot run locally
   */
  public Engine(JsonNode definition, EngineSettings settings) {
    this.settings = settings;
    Configuration configuration = JacksonJsonProvider.configuration(settings.mapper());
    this.resources = new TaskResources(settings.resourceOverrides());
    this.definition =
        new DefinitionParser(
                configuration, settings.mapper(), resources, settings.invoker()::canInvoke)
            .parse(definition);
  }

  /**
   * Runs one execution to its end.
   *
   * @param input the execution input
   * @param executionName the execution name
   * @return the result; a failing state machine is a FAILED result, not an exception
   */
  public ExecutionResult run(JsonNode input, String executionName) {
    return new Run(input, executionName).execute();
  }

  /** The stop of a mirrored execution, unwinding every scope at once; nothing catches it. */
  private static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("execution aborted", null, false, false);
    }
  }

  /** The definition's TimeoutSeconds ran out. */
  private static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut() {
      super("execution timed out", null, false, false);
    }
  }

  private record Step(JsonNode output, @Nullable String next) {}

  @FunctionalInterface
  private interface Work {
    JsonNode run(ObjectNode context);
  }

  /** State of one execution. */
  private final class Run {

    private final JsonNode input;
    private final String executionName;
    private final List<HistoryEvent> history = new ArrayList<>();
    private final AtomicReference<MirroredExecution.@Nullable Stop> stop = new AtomicReference<>();
    private final Instant startDate;
    private final long startNanos = System.nanoTime();
    private @Nullable MirroredExecution mirrored;
    private @Nullable Instant deadline;
    private ObjectNode executionContext = NODES.objectNode();
    private ObjectNode stateMachineContext = NODES.objectNode();
    private @Nullable ExecutorService ownExecutor;

    Run(JsonNode input, String executionName) {
      this.input = input;
      this.executionName = executionName;
      this.startDate = settings.clock().instant();
    }

    ExecutionResult execute() {
      String name = settings.stateMachineName();
      String stateMachineArn =
          "arn:aws:states:"
              + settings.region()
              + ":"
              + settings.accountId()
              + ":stateMachine:"
              + name;
      String executionArn =
          "arn:aws:states:"
              + settings.region()
              + ":"
              + settings.accountId()
              + ":execution:"
              + name
              + ":"
              + executionName;
      if (settings.mirror() != null) {
        mirrored =
            settings
                .mirror()
                .start(name, executionName, settings.mapper().writeValueAsString(input));
        stateMachineArn = mirrored.stateMachineArn();
        executionArn = mirrored.executionArn();
      }
      executionContext =
          NODES
              .objectNode()
              .put("Id", executionArn)
              .put("Name", executionName)
              .put("RoleArn", settings.roleArn())
              .put("StartTime", timestamp(startDate))
              .put("RedriveCount", 0);
      executionContext.set("Input", input);
      stateMachineContext = NODES.objectNode().put("Id", stateMachineArn).put("Name", name);
      if (definition.timeoutSeconds() != null) {
        deadline = startDate.plusMillis((long) (definition.timeoutSeconds() * 1000));
      }
      event(HistoryEventType.EXECUTION_STARTED, "", null, null, null, executionArn);
      ExecutionStatus status;
      JsonNode output = null;
      String error = null;
      String cause = null;
      try {
        output = runScope(definition.scope(), input, "");
        status = ExecutionStatus.SUCCEEDED;
      } catch (StateFailure failure) {
        status = ExecutionStatus.FAILED;
        error = failure.error();
        cause = failure.failureCause();
      } catch (Aborted aborted) {
        status = ExecutionStatus.ABORTED;
        MirroredExecution.Stop details = stop.get();
        error = details == null ? null : details.error();
        cause = details == null ? null : details.cause();
      } catch (TimedOut timedOut) {
        status = ExecutionStatus.TIMED_OUT;
        error = "States.Timeout";
      } finally {
        if (ownExecutor != null) {
          ownExecutor.shutdownNow();
        }
      }
      if (mirrored != null) {
        mirrored.finish(status);
      }
      event(
          switch (status) {
            case SUCCEEDED -> HistoryEventType.EXECUTION_SUCCEEDED;
            case FAILED -> HistoryEventType.EXECUTION_FAILED;
            case TIMED_OUT -> HistoryEventType.EXECUTION_TIMED_OUT;
            case ABORTED -> HistoryEventType.EXECUTION_ABORTED;
          },
          "",
          null,
          null,
          null,
          error);
      return new ExecutionResult(
          status,
          output,
          error,
          cause,
          executionArn,
          executionName,
          stateMachineArn,
          startDate,
          settings.clock().instant(),
          snapshot());
    }

    private List<HistoryEvent> snapshot() {
      synchronized (history) {
        return List.copyOf(history);
      }
    }

    private JsonNode runScope(StateDefinition.Scope scope, JsonNode scopeInput, String scopeName) {
      String current = scope.startAt();
      JsonNode data = scopeInput;
      while (true) {
        checkStop();
        checkDeadline();
        StateDefinition state = scope.states().get(current);
        Instant entered = settings.clock().instant();
        long enteredNanos = System.nanoTime();
        event(HistoryEventType.STATE_ENTERED, scopeName, state, null, null);
        Step step;
        try {
          step = runState(state, data, scopeName, entered);
        } catch (StateFailure failure) {
          event(
              HistoryEventType.STATE_FAILED,
              scopeName,
              state,
              since(enteredNanos),
              failure.error());
          throw failure;
        }
        event(
            HistoryEventType.STATE_EXITED,
            scopeName,
            state,
            since(enteredNanos),
            step.next() == null ? null : "next: " + step.next());
        if (step.next() == null) {
          return step.output();
        }
        current = step.next();
        data = step.output();
      }
    }

    private Step runState(StateDefinition state, JsonNode raw, String scopeName, Instant entered) {
      switch (state.type()) {
        case PASS:
          {
            ObjectNode context = context(state, entered, 0);
            JsonNode effective = parameters(state, input(state, raw, context), context);
            JsonNode result = state.result != null ? state.result : effective;
            return new Step(
                output(state, place(state.resultPath, raw, result), context), state.next);
          }
        case SUCCEED:
          {
            ObjectNode context = context(state, entered, 0);
            return new Step(output(state, input(state, raw, context), context), null);
          }
        case FAIL:
          {
            ObjectNode context = context(state, entered, 0);
            String error =
                state.errorPath != null
                    ? text(
                        state.errorPath.read(new Bindings(raw, context), "ErrorPath"),
                        state,
                        "ErrorPath")
                    : state.error;
            String cause =
                state.causePath != null
                    ? text(
                        state.causePath.read(new Bindings(raw, context), "CausePath"),
                        state,
                        "CausePath")
                    : state.cause;
            throw new StateFailure(error, cause);
          }
        case CHOICE:
          {
            ObjectNode context = context(state, entered, 0);
            JsonNode effective = input(state, raw, context);
            for (StateDefinition.Choice choice : state.choices) {
              if (choice.rule().matches(new Bindings(effective, context))) {
                return new Step(output(state, effective, context), choice.next());
              }
            }
            if (state.defaultNext != null) {
              return new Step(output(state, effective, context), state.defaultNext);
            }
            throw new StateFailure(
                "States.NoChoiceMatched",
                "No Choice rule matched and there is no Default in state '" + state.name() + "'");
          }
        case WAIT:
          {
            ObjectNode context = context(state, entered, 0);
            JsonNode effective = input(state, raw, context);
            waitFor(waitSeconds(state, effective, context), scopeName, state);
            return new Step(output(state, effective, context), state.next);
          }
        case TASK:
          return handled(
              state, raw, scopeName, entered, context -> task(state, raw, scopeName, context));
        case MAP:
          return handled(
              state, raw, scopeName, entered, context -> map(state, raw, scopeName, context));
        case PARALLEL:
          return handled(
              state, raw, scopeName, entered, context -> parallel(state, raw, scopeName, context));
        default:
          throw new IllegalStateException(state.typeName());
      }
    }

    /**
     * Runs a Task, Map or Parallel state's work with its Retry and Catch, then shapes its output.
     */
    private Step handled(
        StateDefinition state, JsonNode raw, String scopeName, Instant entered, Work work) {
      int[] attempts = new int[state.retriers.size()];
      int retryCount = 0;
      while (true) {
        ObjectNode context = context(state, entered, retryCount);
        try {
          JsonNode result = work.run(context);
          JsonNode selected =
              state.resultSelector == null
                  ? result
                  : state.resultSelector.evaluate(new Bindings(result, context));
          return new Step(
              output(state, place(state.resultPath, raw, selected), context), state.next);
        } catch (StateFailure failure) {
          if (StateFailure.RUNTIME.equals(failure.error())) {
            throw failure;
          }
          int index =
              matching(
                  state.retriers.stream().map(StateDefinition.Retrier::errorEquals).toList(),
                  failure.error());
          if (index >= 0 && attempts[index] < state.retriers.get(index).maxAttempts()) {
            StateDefinition.Retrier retrier = state.retriers.get(index);
            double delay =
                retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts[index]);
            if (retrier.maxDelaySeconds() != null) {
              delay = Math.min(delay, retrier.maxDelaySeconds());
            }
            if (retrier.fullJitter()) {
              delay = ThreadLocalRandom.current().nextDouble() * delay;
            }
            attempts[index]++;
            retryCount++;
            event(
                HistoryEventType.RETRY_SCHEDULED,
                scopeName,
                state,
                null,
                "attempt " + (retryCount + 1) + " after " + failure.error());
            waitFor(delay, scopeName, state);
            checkStop();
            continue;
          }
          int catcherIndex =
              matching(
                  state.catchers.stream().map(StateDefinition.Catcher::errorEquals).toList(),
                  failure.error());
          if (catcherIndex < 0) {
            throw failure;
          }
          StateDefinition.Catcher catcher = state.catchers.get(catcherIndex);
          ObjectNode errorOutput = NODES.objectNode();
          errorOutput.put("Error", failure.error());
          errorOutput.put("Cause", failure.failureCause());
          event(
              HistoryEventType.ERROR_CAUGHT,
              scopeName,
              state,
              null,
              failure.error() + " -> " + catcher.next());
          return new Step(place(catcher.resultPath(), raw, errorOutput), catcher.next());
        }
      }
    }

    private JsonNode task(
        StateDefinition state, JsonNode raw, String scopeName, ObjectNode context) {
      StateDefinition.TaskTarget target = state.target;
      JsonNode effective = parameters(state, input(state, raw, context), context);
      String function = target.functionName();
      JsonNode payload = effective;
      if (target.lambdaInvoke()) {
        if (function == null) {
          try {
            function = resources.functionName(effective.path("FunctionName").asString());
          } catch (IllegalArgumentException e) {
            throw StateFailure.runtime(
                "State '" + state.name() + "' field Parameters.FunctionName: " + e.getMessage());
          }
        }
        payload = effective.has("Payload") ? effective.get("Payload") : NODES.objectNode();
      }
      Double timeout = state.timeoutSeconds;
      if (state.timeoutSecondsPath != null) {
        timeout =
            state
                .timeoutSecondsPath
                .read(new Bindings(effective, context), "TimeoutSecondsPath")
                .asDouble();
      }
      TaskRequest request =
          new TaskRequest(function, payload, state.name(), target.resource(), context);
      event(HistoryEventType.TASK_SCHEDULED, scopeName, state, null, function);
      JsonNode result;
      try {
        result = invoke(request, timeout);
      } catch (TaskFailedException e) {
        event(HistoryEventType.TASK_FAILED, scopeName, state, null, e.error());
        throw new StateFailure(e.error(), e.failureCause());
      } catch (StateFailure e) {
        event(HistoryEventType.TASK_FAILED, scopeName, state, null, e.error());
        throw e;
      } finally {
        // A task may have stopped the execution (StopExecution), even if it then failed.
        checkStop();
      }
      event(HistoryEventType.TASK_SUCCEEDED, scopeName, state, null, function);
      return target.lambdaInvoke() ? LambdaErrors.invokeResponse(result) : result;
    }

    private JsonNode invoke(TaskRequest request, @Nullable Double timeoutSeconds) {
      if (timeoutSeconds == null) {
        try {
          return settings.invoker().invoke(request);
        } catch (TaskFailedException | StateFailure | Aborted | TimedOut e) {
          throw e;
        } catch (RuntimeException | Error e) {
          throw LambdaErrors.unhandled(e, settings.mapper());
        }
      }
      Future<JsonNode> future =
          CompletableFuture.supplyAsync(() -> settings.invoker().invoke(request), executor());
      try {
        return future.get((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw new StateFailure("States.Timeout", null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateMachineRunnerException(
            "Interrupted waiting for task " + request.stateName(), e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TaskFailedException failed) {
          throw failed;
        }
        throw LambdaErrors.unhandled(cause, settings.mapper());
      }
    }

    private JsonNode map(
        StateDefinition state, JsonNode raw, String scopeName, ObjectNode context) {
      JsonNode effective = input(state, raw, context);
      JsonNode items =
          state.itemsPath == null
              ? effective
              : state.itemsPath.read(new Bindings(effective, context), "ItemsPath");
      if (!items.isArray()) {
        throw StateFailure.runtime(
            "State '"
                + state.name()
                + "' field ItemsPath: the value is not an "
                + "array but "
                + items.getNodeType());
      }
      int limit = state.maxConcurrency;
      if (state.maxConcurrencyPath != null) {
        limit =
            state
                .maxConcurrencyPath
                .read(new Bindings(effective, context), "MaxConcurrencyPath")
                .asInt();
      }
      limit = limit <= 0 ? INLINE_MAP_CONCURRENCY : Math.min(limit, INLINE_MAP_CONCURRENCY);
      PayloadTemplate selector = state.itemSelector != null ? state.itemSelector : state.parameters;
      String prefix = (scopeName.isEmpty() ? "" : scopeName + "/") + state.name();
      return fanOut(
          items.size(),
          limit,
          index -> {
            JsonNode item = items.get(index);
            JsonNode iterationInput = item;
            if (selector != null) {
              ObjectNode itemContext = context.deepCopy();
              itemContext.putObject("Map").putObject("Item").put("Index", index).set("Value", item);
              iterationInput = selector.evaluate(new Bindings(effective, itemContext));
            }
            String iterationScope = prefix + "[" + index + "]";
            event(HistoryEventType.ITERATION_STARTED, iterationScope, null, null, null);
            return runScope(state.itemProcessor, iterationInput, iterationScope);
          });
    }

    private JsonNode parallel(
        StateDefinition state, JsonNode raw, String scopeName, ObjectNode context) {
      JsonNode effective = parameters(state, input(state, raw, context), context);
      String prefix = (scopeName.isEmpty() ? "" : scopeName + "/") + state.name();
      return fanOut(
          state.branches.size(),
          state.branches.size(),
          index -> {
            String branchScope = prefix + "[" + index + "]";
            event(HistoryEventType.ITERATION_STARTED, branchScope, null, null, null);
            return runScope(state.branches.get(index), effective, branchScope);
          });
    }

    /**
     * Runs {@code count} units, at most {@code limit} at once; the first failure fails them all.
     */
    private JsonNode fanOut(int count, int limit, IntFunction<JsonNode> work) {
      JsonNode[] results = new JsonNode[count];
      Semaphore permits = new Semaphore(limit);
      AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
      List<Future<?>> futures = new ArrayList<>();
      ExecutorService executor = executor();
      try {
        for (int i = 0; i < count && failure.get() == null; i++) {
          permits.acquire();
          if (failure.get() != null) {
            permits.release();
            break;
          }
          int index = i;
          futures.add(
              executor.submit(
                  () -> {
                    try {
                      results[index] = work.apply(index);
                    } catch (RuntimeException e) {
                      failure.compareAndSet(null, e);
                    } finally {
                      permits.release();
                    }
                  }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateMachineRunnerException("Interrupted while running iterations", e);
      } catch (ExecutionException e) {
        throw new StateMachineRunnerException("An iteration failed unexpectedly", e.getCause());
      }
      if (stop.get() != null) {
        throw new Aborted();
      }
      RuntimeException first = failure.get();
      if (first != null) {
        throw first;
      }
      ArrayNode output = NODES.arrayNode();
      for (JsonNode result : results) {
        output.add(result);
      }
      return output;
    }

    private ExecutorService executor() {
      if (settings.executor() != null) {
        return settings.executor();
      }
      synchronized (this) {
        if (ownExecutor == null) {
          AtomicInteger threads = new AtomicInteger();
          ThreadFactory factory =
              runnable -> {
                Thread thread =
                    new Thread(
                        runnable, "sfn-local-" + executionName + "-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              };
          ownExecutor = Executors.newCachedThreadPool(factory);
        }
        return ownExecutor;
      }
    }

    private double waitSeconds(StateDefinition state, JsonNode effective, ObjectNode context) {
      if (state.seconds != null) {
        return state.seconds;
      }
      if (state.secondsPath != null) {
        JsonNode seconds = state.secondsPath.read(new Bindings(effective, context), "SecondsPath");
        if (!seconds.isNumber() || seconds.asDouble() < 0) {
          throw StateFailure.runtime(
              "State '" + state.name() + "' field SecondsPath: not a " + "non-negative number");
        }
        return seconds.asDouble();
      }
      String timestamp =
          state.timestamp != null
              ? state.timestamp
              : text(
                  state.timestampPath.read(new Bindings(effective, context), "TimestampPath"),
                  state,
                  "TimestampPath");
      try {
        Instant until = OffsetDateTime.parse(timestamp).toInstant();
        return Math.max(0, Duration.between(settings.clock().instant(), until).toMillis() / 1000.0);
      } catch (DateTimeParseException e) {
        throw StateFailure.runtime(
            "State '"
                + state.name()
                + "' field TimestampPath: '"
                + timestamp
                + "' is not an ISO-8601 timestamp");
      }
    }

    private void waitFor(double seconds, String scopeName, StateDefinition state) {
      event(
          HistoryEventType.WAITED,
          scopeName,
          state,
          null,
          (settings.skipWaits() ? "skipped " : "") + seconds + " s");
      if (settings.skipWaits() || seconds <= 0) {
        return;
      }
      long end = System.nanoTime() + (long) (seconds * 1e9);
      try {
        // Sleep in slices so that a stop or the execution timeout ends a long Wait.
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
          Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, STOP_POLL.toMillis()));
          checkStop();
          checkDeadline();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateMachineRunnerException("Interrupted in state '" + state.name() + "'", e);
      }
    }

    private void checkStop() {
      if (stop.get() != null) {
        throw new Aborted();
      }
      if (mirrored == null) {
        return;
      }
      Optional<MirroredExecution.Stop> stopped = mirrored.stopped();
      if (stopped.isPresent()) {
        stop.compareAndSet(null, stopped.get());
        throw new Aborted();
      }
    }

    private void checkDeadline() {
      if (deadline != null && settings.clock().instant().isAfter(deadline)) {
        throw new TimedOut();
      }
    }

    private ObjectNode context(StateDefinition state, Instant entered, int retryCount) {
      ObjectNode context = NODES.objectNode();
      // Shared, never modified: copying the execution input for every state would cost O(input)
      // each time.
      context.set("Execution", executionContext);
      context.set("StateMachine", stateMachineContext);
      context
          .putObject("State")
          .put("Name", state.name())
          .put("EnteredTime", timestamp(entered))
          .put("RetryCount", retryCount);
      return context;
    }

    private JsonNode input(StateDefinition state, JsonNode raw, ObjectNode context) {
      if (state.inputPath.discard()) {
        return NODES.objectNode();
      }
      return state.inputPath.path() == null
          ? raw
          : state.inputPath.path().read(new Bindings(raw, context), "InputPath");
    }

    private JsonNode parameters(StateDefinition state, JsonNode effective, ObjectNode context) {
      return state.parameters == null
          ? effective
          : state.parameters.evaluate(new Bindings(effective, context));
    }

    private JsonNode output(StateDefinition state, JsonNode value, ObjectNode context) {
      if (state.outputPath.discard()) {
        return NODES.objectNode();
      }
      return state.outputPath.path() == null
          ? value
          : state.outputPath.path().read(new Bindings(value, context), "OutputPath");
    }

    private JsonNode place(
        StateDefinition.ResultPlacement placement, JsonNode raw, JsonNode result) {
      if (placement.discard()) {
        return raw;
      }
      return placement.path() == null ? result : placement.path().set(raw, result);
    }

    private String text(JsonNode value, StateDefinition state, String field) {
      if (!value.isString()) {
        throw StateFailure.runtime(
            "State '" + state.name() + "' field " + field + ": not a string");
      }
      return value.stringValue();
    }

    private Duration since(long nanos) {
      return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private void event(
        HistoryEventType type,
        String scopeName,
        @Nullable StateDefinition state,
        @Nullable Duration duration,
        @Nullable String detail) {
      event(
          type,
          scopeName,
          state == null ? null : state.name(),
          state == null ? null : state.typeName(),
          duration,
          detail);
    }

    private void event(
        HistoryEventType type,
        String scopeName,
        @Nullable String stateName,
        @Nullable String stateType,
        @Nullable Duration duration,
        @Nullable String detail) {
      Instant now = settings.clock().instant();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      synchronized (history) {
        history.add(
            new HistoryEvent(
                history.size() + 1,
                type,
                now,
                elapsed,
                scopeName,
                stateName,
                stateType,
                duration,
                detail));
      }
    }
  }

  /** Index of the first entry whose ErrorEquals matches, or -1. */
  static int matching(List<List<String>> errorEquals, @Nullable String error) {
    for (int i = 0; i < errorEquals.size(); i++) {
      for (String name : errorEquals.get(i)) {
        if (name.equals("States.ALL")
            || name.equals(error)
            || (name.equals("States.TaskFailed") && !"States.Timeout".equals(error))) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
