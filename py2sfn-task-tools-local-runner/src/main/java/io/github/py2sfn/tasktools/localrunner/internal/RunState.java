package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.MirroredExecution;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything one execution carries while it runs, handed to every step: the settings, history,
 * clock, deadline, stop flag, context object, executor and variable scopes.
 */
final class RunState {

  /** The stop of a mirrored execution, unwinding every scope at once; nothing catches it. */
  static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("execution aborted", null, false, false);
    }
  }

  /** The definition's TimeoutSeconds ran out. */
  static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut() {
      super("execution timed out", null, false, false);
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EngineSettings settings;
  private final String executionName;
  private final History history;
  private final Instant startDate;
  private final @Nullable Instant deadline;
  private final @Nullable MirroredExecution mirrored;
  private final String stateMachineArn;
  private final String executionArn;
  private final ObjectNode executionContext;
  private final ObjectNode stateMachineContext;
  private final AtomicReference<MirroredExecution.@Nullable Stop> stop;
  private final VariableScope variables = VariableScope.root();
  private final TaskTokens taskTokens;
  // The execution that started this child execution of a Distributed Map; null at the top.
  private final @Nullable RunState parent;
  private @Nullable ExecutorService ownExecutor;
  // Throws when the execution that started this one (states:startExecution.sync) stops it.
  private final @Nullable Runnable outerCheck;

  /**
   * Starts an execution: its clock, its mirror when configured (which names its ARNs), its context
   * object and its deadline. One nested in another ({@code nesting} non-null) records into the
   * outer history under the nesting's scope, and is aborted when the nesting's check throws.
   */
  RunState(
      EngineSettings settings,
      @Nullable Double timeoutSeconds,
      JsonNode input,
      String executionName,
      TaskTokens taskTokens,
      Engine.@Nullable Nesting nesting) {
    this.settings = settings;
    this.taskTokens = taskTokens;
    this.executionName = executionName;
    this.parent = null;
    this.stop = new AtomicReference<>();
    this.outerCheck = nesting == null ? null : nesting.check();
    this.history =
        nesting == null
            ? new History(settings.clock())
            : new History(nesting.history(), settings.clock(), nesting.scope());
    this.startDate = settings.clock().instant();
    String name = settings.stateMachineName();
    if (settings.mirror() != null) {
      mirrored =
          settings.mirror().start(name, executionName, settings.mapper().writeValueAsString(input));
      stateMachineArn = mirrored.stateMachineArn();
      executionArn = mirrored.executionArn();
    } else {
      mirrored = null;
      stateMachineArn = settings.arn("stateMachine", name);
      executionArn = settings.arn("execution", name + ":" + executionName);
    }
    executionContext = executionContext(executionArn, executionName, startDate, input);
    stateMachineContext = NODES.objectNode().put("Id", stateMachineArn).put("Name", name);
    deadline = timeoutSeconds == null ? null : startDate.plusMillis((long) (timeoutSeconds * 1000));
  }

  /**
   * A child workflow execution of a Distributed Map state: its own name, ARN, input, start time and
   * variables (Distributed Map children see no variable of the execution that started them), and
   * the parent's settings, history, deadline, stop, threads and pending task tokens.
   */
  private RunState(RunState parent, String executionName, String executionArn, JsonNode input) {
    this.settings = parent.settings;
    this.executionName = executionName;
    this.parent = parent;
    this.stop = parent.stop;
    this.history = parent.history;
    this.startDate = parent.now();
    this.deadline = parent.deadline;
    this.mirrored = parent.mirrored;
    this.stateMachineArn = parent.stateMachineArn;
    this.executionArn = executionArn;
    this.executionContext = executionContext(executionArn, executionName, startDate, input);
    this.stateMachineContext = parent.stateMachineContext;
    this.taskTokens = parent.taskTokens;
    this.outerCheck = parent.outerCheck;
  }

  /**
   * Starts a child workflow execution of the Distributed Map state labelled {@code label}, named
   * {@code arn:aws:states:<region>:<account>:execution:<stateMachine>/<label>:<name>}.
   */
  RunState childExecution(String label, String name, JsonNode input) {
    String arn = settings.arn("execution", settings.stateMachineName() + "/" + label + ":" + name);
    return new RunState(this, name, arn, input);
  }

  private ObjectNode executionContext(String arn, String name, Instant started, JsonNode input) {
    ObjectNode context =
        NODES
            .objectNode()
            .put("Id", arn)
            .put("Name", name)
            .put("RoleArn", settings.roleArn())
            .put("StartTime", Timestamps.format(started))
            .put("RedriveCount", 0);
    context.set("Input", input);
    return context;
  }

  EngineSettings settings() {
    return settings;
  }

  History history() {
    return history;
  }

  String executionArn() {
    return executionArn;
  }

  String executionName() {
    return executionName;
  }

  String stateMachineArn() {
    return stateMachineArn;
  }

  Instant startDate() {
    return startDate;
  }

  Instant now() {
    return settings.clock().instant();
  }

  /** The tokens of the execution's waiting callback tasks. */
  TaskTokens taskTokens() {
    return taskTokens;
  }

  /** The execution's variable scope, the root of every branch's and iteration's. */
  VariableScope variables() {
    return variables;
  }

  /**
   * The context object one attempt at a state sees. {@code Execution} and {@code StateMachine} are
   * shared and never modified: copying the execution input for every state would cost O(input) each
   * time.
   */
  ObjectNode contextObject(String stateName, Instant entered, int retryCount) {
    ObjectNode context = NODES.objectNode();
    context.set("Execution", executionContext);
    context.set("StateMachine", stateMachineContext);
    context
        .putObject("State")
        .put("Name", stateName)
        .put("EnteredTime", Timestamps.format(entered))
        .put("RetryCount", retryCount);
    return context;
  }

  /** Ends the run when it was stopped, asking the mirror whether it was. */
  void checkStop() {
    if (outerCheck != null) {
      try {
        outerCheck.run();
      } catch (RuntimeException outerStopped) {
        // "if a states:startExecution.sync task is aborted, it will call the Step Functions
        // StopExecution API action" (connect-to-resource.html#connect-sync).
        stop.compareAndSet(null, new MirroredExecution.Stop(null, null));
        throw new Aborted();
      }
    }
    abortIfStopped();
    if (mirrored == null) {
      return;
    }
    Optional<MirroredExecution.Stop> stopped = mirrored.stopped();
    if (stopped.isPresent()) {
      stop.compareAndSet(null, stopped.get());
      throw new Aborted();
    }
  }

  /** Ends the run when a stop was already seen, without asking the mirror. */
  void abortIfStopped() {
    if (stop.get() != null) {
      throw new Aborted();
    }
  }

  /** The error and cause of the stop that aborted the run, or null. */
  MirroredExecution.@Nullable Stop stopDetails() {
    return stop.get();
  }

  /** Ends the run when the definition's TimeoutSeconds has passed. */
  void checkDeadline() {
    if (deadline != null && now().isAfter(deadline)) {
      throw new TimedOut();
    }
  }

  /** The settings' executor, else this execution's own cached pool, created when first needed. */
  synchronized ExecutorService executor() {
    if (parent != null) {
      return parent.executor();
    }
    if (settings.executor() != null) {
      return settings.executor();
    }
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

  /** Stops the threads of the execution's own pool, whatever state they are in. */
  synchronized void shutDownOwnExecutor() {
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  /** Tells the mirror how the run ended. */
  void finishMirror(ExecutionStatus status) {
    if (mirrored != null) {
      mirrored.finish(status);
    }
  }
}
