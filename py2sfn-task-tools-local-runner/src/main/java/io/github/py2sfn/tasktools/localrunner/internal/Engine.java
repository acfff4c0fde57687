package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.localrunner.MirroredExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The ASL interpreter behind {@code LocalStateMachineRunner}: compiles a definition once, then runs
 * executions of it, walking each graph of states and handing every state to its step.
 */
public final class Engine {

  private final EngineSettings settings;
  private final CompiledDefinition definition;
  private final TaskStep tasks;
  private final FanOutStep fanOut;

  /**
   * Validates and compiles a definition.
   *
   * @param definition the ASL definition
   * @param settings the invoker, options and names
   * @throws io.github.py2sfn.tasktools.localrunner.DefinitionException when it cannot run locally
   */
  public Engine(JsonNode definition, EngineSettings settings) {
    this.settings = settings;
    TaskResources resources =
        new TaskResources(
            settings.resourceOverrides(),
            arn -> StartExecutionStep.find(settings.stateMachines(), arn) != null);
    this.definition =
        new DefinitionParser(
                JacksonJsonProvider.configuration(settings.mapper()),
                settings.mapper(),
                resources,
                settings.invoker()::canInvoke)
            .parse(definition);
    this.tasks = new TaskStep(resources, new StartExecutionStep());
    this.fanOut = new FanOutStep(this::runGraph);
  }

  /**
   * Runs one execution to its end, with no way to complete its callback tasks but SDK calls.
   *
   * @see #run(JsonNode, String, TaskTokens)
   */
  public ExecutionResult run(JsonNode input, String executionName) {
    return run(input, executionName, new TaskTokens());
  }

  /**
   * Runs one execution to its end.
   *
   * @param input the execution input
   * @param executionName the execution name
   * @param taskTokens where the execution's callback tasks wait for their tokens
   * @return the result; a failing state machine is a FAILED result, not an exception
   * @throws IllegalArgumentException when the settings enforce the payload quota and the input is
   *     larger: StartExecution rejects it, its input is limited to 262,144 bytes of UTF-8
   *     (API_StartExecution.html), so no execution starts
   */
  public ExecutionResult run(JsonNode input, String executionName, TaskTokens taskTokens) {
    return runNested(input, executionName, taskTokens, null, run -> {});
  }

  /**
   * How an execution started by a {@code states:startExecution} task hangs off the one that started
   * it.
   *
   * @param history the starting execution's history, which the nested one records into
   * @param scope the nested execution's scope in that history
   * @param check throws when the nested execution is to stop: the starter stopped, timed out, or
   *     its task was aborted
   */
  record Nesting(History history, String scope, Runnable check) {}

  /** The state machine's ARN in executions that are not mirrored. */
  public String stateMachineArn() {
    return settings.arn("stateMachine", settings.stateMachineName());
  }

  /**
   * Runs one execution started by another's {@code states:startExecution} task.
   *
   * @param nesting how it hangs off the starting execution; null for one of its own, which the
   *     starter does not wait for (request-response)
   * @param started told the execution's run state once it started, before any state runs
   */
  ExecutionResult runNested(
      JsonNode input,
      String executionName,
      TaskTokens taskTokens,
      @Nullable Nesting nesting,
      Consumer<RunState> started) {
    if (settings.enforcePayloadQuota()) {
      long size = DataLimits.utf8Bytes(input);
      if (size > DataLimits.MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            "The execution input is "
                + size
                + " bytes, more than the "
                + DataLimits.MAX_PAYLOAD_BYTES
                + " StartExecution accepts");
      }
    }
    RunState run =
        new RunState(
            settings, definition.timeoutSeconds(), input, executionName, taskTokens, nesting);
    run.history().record(HistoryEventType.EXECUTION_STARTED, "", null, null, run.executionArn());
    started.accept(run);
    ExecutionStatus status;
    JsonNode output = null;
    String error = null;
    String cause = null;
    try {
      output = runGraph(definition.states(), input, "", run.variables(), Cancellation.root(), run);
      status = ExecutionStatus.SUCCEEDED;
    } catch (StateFailure failure) {
      status = ExecutionStatus.FAILED;
      error = failure.error();
      cause = failure.failureCause();
    } catch (RunState.Aborted aborted) {
      status = ExecutionStatus.ABORTED;
      MirroredExecution.Stop details = run.stopDetails();
      error = details == null ? null : details.error();
      cause = details == null ? null : details.cause();
    } catch (RunState.TimedOut timedOut) {
      status = ExecutionStatus.TIMED_OUT;
      error = "States.Timeout";
    } finally {
      run.shutDownOwnExecutor();
    }
    run.finishMirror(status);
    run.history()
        .record(
            switch (status) {
              case SUCCEEDED -> HistoryEventType.EXECUTION_SUCCEEDED;
              case FAILED -> HistoryEventType.EXECUTION_FAILED;
              case TIMED_OUT -> HistoryEventType.EXECUTION_TIMED_OUT;
              case ABORTED -> HistoryEventType.EXECUTION_ABORTED;
            },
            "",
            null,
            null,
            error);
    return new ExecutionResult(
        status,
        output,
        error,
        cause,
        run.executionArn(),
        executionName,
        run.stateMachineArn(),
        run.startDate(),
        run.now(),
        run.history().snapshot());
  }

  /**
   * Runs a graph from its start to the state that ends it, and returns that state's output.
   *
   * @throws Cancellation.Cancelled when a sibling iteration or branch failed before a state
   */
  private JsonNode runGraph(
      StateGraph graph,
      JsonNode input,
      String scope,
      VariableScope variables,
      Cancellation cancellation,
      RunState run) {
    String current = graph.startAt();
    JsonNode data = input;
    boolean quota = run.settings().enforcePayloadQuota();
    while (true) {
      run.checkStop();
      run.checkDeadline();
      cancellation.throwIfCancelled();
      StateDefinition state = graph.state(current);
      Instant entered = run.now();
      long enteredNanos = System.nanoTime();
      run.history().record(HistoryEventType.STATE_ENTERED, scope, state, null, null);
      StateOutcome outcome;
      try {
        outcome = step(new StateVisit(run, scope, state, data, entered, variables, cancellation));
        // The output is the next state's input; over the payload quota it fails this state.
        DataLimits.checkPayload(quota, outcome.output(), state.name(), "output");
        // Every expression of the state read the values from before it; now they change
        // together. A quota exceeded here fails the state, past its Retry and Catch.
        variables.assign(outcome.assigned());
      } catch (StateFailure failure) {
        run.history()
            .record(
                HistoryEventType.STATE_FAILED, scope, state, since(enteredNanos), failure.error());
        throw failure;
      }
      run.history()
          .record(
              HistoryEventType.STATE_EXITED,
              scope,
              state,
              since(enteredNanos),
              exitDetail(outcome),
              outcome.assigned());
      if (outcome.next() == null) {
        return outcome.output();
      }
      current = outcome.next();
      data = outcome.output();
    }
  }

  /** Hands a state to the step of its type. */
  private StateOutcome step(StateVisit visit) {
    StateDefinition state = visit.state();
    if (state instanceof StateDefinition.PassState pass) {
      return RoutingSteps.pass(pass, visit);
    }
    if (state instanceof StateDefinition.ChoiceState choice) {
      return RoutingSteps.choice(choice, visit);
    }
    if (state instanceof StateDefinition.SucceedState succeed) {
      return RoutingSteps.succeed(succeed, visit);
    }
    if (state instanceof StateDefinition.FailState fail) {
      return RoutingSteps.fail(fail, visit);
    }
    if (state instanceof StateDefinition.WaitState wait) {
      return WaitStep.run(wait, visit);
    }
    if (state instanceof StateDefinition.TaskState task) {
      return RetryAndCatch.run(task, visit, context -> tasks.run(task, visit, context));
    }
    if (state instanceof StateDefinition.MapState map) {
      return RetryAndCatch.run(map, visit, context -> fanOut.map(map, visit, context));
    }
    if (state instanceof StateDefinition.ParallelState parallel) {
      return RetryAndCatch.run(
          parallel, visit, context -> fanOut.parallel(parallel, visit, context));
    }
    throw new IllegalStateException("No step for a " + state.typeName() + " state");
  }

  /** {@code next: B}, and the names of the variables the state assigned: {@code assigned: x, y}. */
  private static @Nullable String exitDetail(StateOutcome outcome) {
    String next = outcome.next() == null ? null : "next: " + outcome.next();
    if (outcome.assigned().isEmpty()) {
      return next;
    }
    String assigned =
        "assigned: " + String.join(", ", new java.util.TreeSet<>(outcome.assigned().keySet()));
    return next == null ? assigned : next + "; " + assigned;
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
