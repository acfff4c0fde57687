package io.github.py2sfn.tasktools.localrunner;

import io.github.py2sfn.tasktools.localrunner.internal.Engine;
import io.github.py2sfn.tasktools.localrunner.internal.EngineSettings;
import io.github.py2sfn.tasktools.localrunner.internal.TaskTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an AWS Step Functions state machine definition (ASL, JSONPath) on the JVM: Task states call
 * functions through a {@link TaskInvoker}, Map iterations and Parallel branches run concurrently,
 * and the result carries the status, output, error, cause and a timed history. The definition is
 * validated once, in {@link Builder#build()}.
 *
 * <pre>{@code
 * LocalStateMachineRunner runner = LocalStateMachineRunner.builder()
 *         .definitionResource("statemachine/order.asl.json")
 *         .taskInvoker(request -> ...)
 *         .skipWaits(true)
 *         .build();
 * ExecutionResult result = runner.run("{\"orderId\": 42}");
 * System.out.print(result.historyTable());
 * }</pre>
 *
 * <p>With Spring Cloud Function beans, start from {@link
 * io.github.py2sfn.tasktools.localrunner.spring.LocalStateMachines#forContext}.
 */
public final class LocalStateMachineRunner {

  private final Engine engine;
  private final ObjectMapper mapper;
  private final String stateMachineName;

  private LocalStateMachineRunner(Engine engine, ObjectMapper mapper, String stateMachineName) {
    this.engine = engine;
    this.mapper = mapper;
    this.stateMachineName = stateMachineName;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The state machine's name (from the builder, else the definition's file name). */
  public String stateMachineName() {
    return stateMachineName;
  }

  /**
   * The state machine's ARN in executions that are not mirrored: {@code
   * arn:aws:states:<region>:<account>:stateMachine:<name>}.
   */
  public String stateMachineArn() {
    return engine.stateMachineArn();
  }

  /**
   * Runs one execution with a generated name.
   *
   * @param input the execution input as JSON text
   * @return the result
   * @throws IllegalArgumentException when the input is not JSON, or larger than the payload quota
   *     (see {@link Builder#enforcePayloadQuota(boolean)})
   */
  public ExecutionResult run(String input) {
    try {
      return run(mapper.readTree(input));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "The execution input is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Runs one execution with a generated name.
   *
   * @param input the execution input
   * @return the result
   * @throws IllegalArgumentException when the input is larger than the payload quota
   */
  public ExecutionResult run(JsonNode input) {
    return run(input, UUID.randomUUID().toString());
  }

  /**
   * Runs one execution.
   *
   * @param input the execution input
   * @param executionName the execution name ({@code $$.Execution.Name}, the last part of its ARN)
   * @return the result; a failing state machine is a FAILED result, not an exception
   * @throws IllegalArgumentException when the input is larger than the payload quota, which
   *     StartExecution would reject before any state runs
   */
  public ExecutionResult run(JsonNode input, String executionName) {
    return engine.run(input, executionName);
  }

  /**
   * Starts one execution with a generated name on its own thread, for workflows with callback tasks
   * ({@code .waitForTaskToken}) that a test completes while the execution waits.
   *
   * @param input the execution input as JSON text
   * @return the running execution; its {@link RunningExecution#await} throws what {@link
   *     #run(JsonNode, String)} would
   * @throws IllegalArgumentException when the input is not JSON
   */
  public RunningExecution start(String input) {
    try {
      return start(mapper.readTree(input), UUID.randomUUID().toString());
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "The execution input is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Starts one execution on its own thread; see {@link #start(String)}.
   *
   * @param input the execution input
   * @param executionName the execution name
   * @return the running execution; its {@link RunningExecution#await} throws what {@link
   *     #run(JsonNode, String)} would
   */
  public RunningExecution start(JsonNode input, String executionName) {
    TaskTokens tokens = new TaskTokens();
    CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(engine.run(input, executionName, tokens));
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            "sfn-local-start-" + executionName);
    thread.setDaemon(true);
    thread.start();
    return new RunningExecution(result, tokens);
  }

  /** Builds a {@link LocalStateMachineRunner}; only a definition is required. */
  public static final class Builder {

    private @Nullable String definition;
    private @Nullable String inferredName;
    private @Nullable String stateMachineName;
    private TaskInvoker taskInvoker = new NoTasks();
    private final Map<String, String> resourceOverrides = new LinkedHashMap<>();
    private boolean skipWaits;
    private boolean enforcePayloadQuota = true;
    private @Nullable ExecutorService executor;
    private @Nullable ExecutionMirror mirror;
    private @Nullable S3Client s3Client;
    private final Map<String, Engine> stateMachines = new LinkedHashMap<>();
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private @Nullable String roleArn;
    private ObjectMapper mapper = JsonMapper.builder().build();

    private Builder() {}

    /**
     * Sets the definition.
     *
     * @param json the ASL definition as JSON text
     * @return this builder
     */
    public Builder definition(String json) {
      this.definition = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Reads the definition from a file; its name up to the first dot becomes the default state
     * machine name.
     *
     * @param file an ASL JSON file
     * @return this builder
     * @throws UncheckedIOException when it cannot be read
     */
    public Builder definition(Path file) {
      try {
        this.definition = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the definition " + file, e);
      }
      this.inferredName = baseName(file.getFileName().toString());
      return this;
    }

    /**
     * Reads the definition from the classpath (the thread's context class loader).
     *
     * @param resource the resource path, such as {@code statemachine/order.asl.json}
     * @return this builder
     * @throws IllegalArgumentException when there is no such resource
     */
    public Builder definitionResource(String resource) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = LocalStateMachineRunner.class.getClassLoader();
      }
      String path = resource.startsWith("/") ? resource.substring(1) : resource;
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalArgumentException("No classpath resource " + path);
        }
        this.definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the classpath resource " + path, e);
      }
      this.inferredName = baseName(path.substring(path.lastIndexOf('/') + 1));
      return this;
    }

    /**
     * Sets the state machine name ({@code $$.StateMachine.Name}); default: the definition's file
     * name, else {@code local-state-machine}.
     *
     * @param name the name
     * @return this builder
     */
    public Builder stateMachineName(String name) {
      this.stateMachineName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets what runs Task states; without one, a definition with Task states is rejected.
     *
     * @param invoker the invoker
     * @return this builder
     */
    public Builder taskInvoker(TaskInvoker invoker) {
      this.taskInvoker = Objects.requireNonNull(invoker, "invoker");
      return this;
    }

    /**
     * Maps a Task resource, or a Lambda function name, to the function to invoke: for resources
     * that are not Lambda functions, and for deployed function names that differ from the bean
     * names.
     *
     * @param resourceOrFunctionName a whole {@code Resource} value, or a function name
     * @param functionName the function name the invoker receives
     * @return this builder
     */
    public Builder resourceOverride(String resourceOrFunctionName, String functionName) {
      resourceOverrides.put(resourceOrFunctionName, functionName);
      return this;
    }

    /**
     * Adds several {@link #resourceOverride(String, String) overrides}.
     *
     * @param overrides resource or function name to function name
     * @return this builder
     */
    public Builder resourceOverrides(Map<String, String> overrides) {
      resourceOverrides.putAll(overrides);
      return this;
    }

    /**
     * Records Wait states and Retry intervals without sleeping (default: they really wait).
     *
     * @param skipWaits true to skip the sleeping
     * @return this builder
     */
    public Builder skipWaits(boolean skipWaits) {
      this.skipWaits = skipWaits;
      return this;
    }

    /**
     * Applies the Step Functions payload quota of 256 KiB (262,144 bytes of UTF-8 JSON) to the
     * execution input, to every state's input and output, to a Task's result and to a Map or
     * Parallel state's array of results, as AWS does (default: true). A state whose payload is
     * larger fails with {@code States.DataLimitExceeded}, which {@code States.ALL} and {@code
     * States.TaskFailed} neither retry nor catch; a larger execution input makes {@link
     * LocalStateMachineRunner#run} throw, as StartExecution rejects it. Turn it off to run
     * workflows whose data AWS would reject, knowing they cannot run there as they are.
     *
     * @param enforcePayloadQuota false to let payloads of any size through
     * @return this builder
     */
    public Builder enforcePayloadQuota(boolean enforcePayloadQuota) {
      this.enforcePayloadQuota = enforcePayloadQuota;
      return this;
    }

    /**
     * Sets the executor running Map iterations, Parallel branches and Tasks with a timeout.
     * Default: a cached pool per execution. A bounded executor can deadlock nested Map or Parallel
     * states: each level waits for threads of the next.
     *
     * @param executor the executor, which the runner does not shut down
     * @return this builder
     */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Mirrors every execution in a Step Functions API, so a task's StopExecution call stops the
     * local run.
     *
     * @param mirror the mirror, such as an {@link SfnExecutionMirror}
     * @return this builder
     */
    public Builder mirror(ExecutionMirror mirror) {
      this.mirror = mirror;
      return this;
    }

    /**
     * Sets the Amazon S3 client a Distributed Map state's {@code ItemReader} reads its items with
     * ({@code arn:aws:states:::s3:getObject} and {@code arn:aws:states:::s3:listObjectsV2}), and
     * its {@code ResultWriter} exports results with ({@code arn:aws:states:::s3:putObject}), such
     * as one for moto or LocalStack. Default: none, and such a state fails with {@code
     * States.ItemReaderFailed} or {@code States.ResultWriterFailed}.
     *
     * @param s3Client the client, which the runner does not close
     * @return this builder
     */
    public Builder s3Client(S3Client s3Client) {
      this.s3Client = s3Client;
      return this;
    }

    /**
     * Lets {@code arn:aws:states:::states:startExecution} tasks, and their {@code .sync} and {@code
     * .sync:2} forms, start executions of another state machine run by {@code stateMachine}, known
     * by its name: a {@code StateMachineArn} naming a state machine of that name (in any region and
     * account, with or without a version or alias) starts it. The execution runs with that runner's
     * task invoker and options; a {@code .sync} task waits for it and records its events in this
     * execution's history, under the scope {@code Task(executionName)}.
     *
     * <pre>{@code
     * LocalStateMachineRunner child = LocalStateMachineRunner.builder()
     *         .definitionResource("statemachine/charge.asl.json")
     *         .taskInvoker(invoker)
     *         .build();
     * LocalStateMachineRunner parent = LocalStateMachineRunner.builder()
     *         .definitionResource("statemachine/order.asl.json")
     *         .taskInvoker(invoker)
     *         .stateMachine(child)
     *         .build();
     * }</pre>
     *
     * @param stateMachine the runner of the state machine to start
     * @return this builder
     */
    public Builder stateMachine(LocalStateMachineRunner stateMachine) {
      return stateMachine(stateMachine.stateMachineName(), stateMachine);
    }

    /**
     * Lets {@code states:startExecution} tasks start executions of the state machine {@code
     * stateMachine} runs, named by {@code stateMachineArnOrName}: a whole {@code StateMachineArn}
     * value (the deployed ARN, say), or a state machine name; see {@link
     * #stateMachine(LocalStateMachineRunner)}.
     *
     * @param stateMachineArnOrName the {@code StateMachineArn} the definition names it with, or its
     *     name
     * @param stateMachine the runner of the state machine to start
     * @return this builder
     */
    public Builder stateMachine(
        String stateMachineArnOrName, LocalStateMachineRunner stateMachine) {
      stateMachines.put(
          Objects.requireNonNull(stateMachineArnOrName, "stateMachineArnOrName"),
          Objects.requireNonNull(stateMachine, "stateMachine").engine);
      return this;
    }

    /**
     * Sets the region and account of the ARNs of unmirrored executions (default us-east-1 and
     * 123456789012).
     *
     * @param region the region
     * @param accountId the account id
     * @return this builder
     */
    public Builder arnScope(String region, String accountId) {
      this.region = region;
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets {@code $$.Execution.RoleArn}; default {@code
     * arn:aws:iam::<account>:role/local-state-machine}.
     *
     * @param roleArn the role ARN
     * @return this builder
     */
    public Builder roleArn(String roleArn) {
      this.roleArn = roleArn;
      return this;
    }

    /**
     * Sets the Jackson 3 mapper that parses inputs and serialises for intrinsic functions.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder jsonMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Validates the definition and builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException when no definition was given
     * @throws DefinitionException when the definition cannot run locally
     */
    public LocalStateMachineRunner build() {
      if (definition == null) {
        throw new IllegalStateException(
            "No definition: call definition(...) or definitionResource(...)");
      }
      JsonNode tree;
      try {
        tree = mapper.readTree(definition);
      } catch (JacksonException e) {
        throw new DefinitionException(
            null,
            "(definition)",
            java.util.List.of("field (definition): not JSON: " + e.getOriginalMessage()));
      }
      String name =
          stateMachineName != null
              ? stateMachineName
              : inferredName != null ? inferredName : "local-state-machine";
      String role =
          roleArn != null ? roleArn : "arn:aws:iam::" + accountId + ":role/local-state-machine";
      EngineSettings settings =
          new EngineSettings(
              mapper,
              taskInvoker,
              resourceOverrides,
              skipWaits,
              enforcePayloadQuota,
              executor,
              mirror,
              name,
              region,
              accountId,
              role,
              Clock.systemUTC(),
              s3Client,
              stateMachines);
      return new LocalStateMachineRunner(new Engine(tree, settings), mapper, name);
    }

    private static String baseName(String fileName) {
      int dot = fileName.indexOf('.');
      return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
  }

  /**
   * The invoker of a runner built without one: a definition with Task states is rejected up front.
   */
  private static final class NoTasks implements TaskInvoker {
    @Override
    public JsonNode invoke(TaskRequest request) {
      throw new IllegalStateException("No TaskInvoker configured");
    }

    @Override
    public boolean canInvoke(String functionName) {
      return false;
    }
  }
}
