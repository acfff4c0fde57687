package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One state of a validated definition: a record per ASL state type, holding its fields already
 * compiled (paths, templates, rules, retriers, catchers). Built by {@link DefinitionParser} only,
 * and only for a definition without problems, so required fields are never null.
 */
sealed interface StateDefinition
    permits StateDefinition.PassState,
        StateDefinition.ChoiceState,
        StateDefinition.WaitState,
        StateDefinition.SucceedState,
        StateDefinition.FailState,
        StateDefinition.RetryableState {

  /** The state's name, its key in {@code States}. */
  String name();

  /** The AWS spelling of the type, as in the definition ({@code Task}). */
  String typeName();

  /** A state whose work {@code Retry} and {@code Catch} wrap, and whose result is selected. */
  sealed interface RetryableState extends StateDefinition
      permits TaskState, MapState, ParallelState {

    @Nullable String next();

    Paths paths();

    ResultHandling result();

    ErrorHandling errors();

    /** The JSONata fields of a JSONata state; null for a JSONPath state. */
    @Nullable JsonataFields jsonata();

    /** {@code Assign}, evaluated on the raw result; null without one. */
    @Nullable Assign assign();
  }

  /** {@code Type: Pass}. */
  record PassState(
      String name,
      @Nullable String next,
      Paths paths,
      @Nullable PayloadTemplate parameters,
      @Nullable JsonNode result,
      ResultPlacement resultPath,
      @Nullable JsonataFields jsonata,
      @Nullable Assign assign)
      implements StateDefinition {
    @Override
    public String typeName() {
      return "Pass";
    }
  }

  /**
   * {@code Type: Task}.
   *
   * @param timeoutSecondsPath {@code TimeoutSecondsPath}, read on the raw state input
   * @param heartbeatSeconds {@code HeartbeatSeconds}, which only a callback task waits on
   * @param heartbeatSecondsPath {@code HeartbeatSecondsPath}, read on the raw state input
   */
  record TaskState(
      String name,
      @Nullable String next,
      Paths paths,
      @Nullable PayloadTemplate parameters,
      ResultHandling result,
      ErrorHandling errors,
      TaskTarget target,
      @Nullable Double timeoutSeconds,
      @Nullable JsonPathExpression timeoutSecondsPath,
      @Nullable Double heartbeatSeconds,
      @Nullable JsonPathExpression heartbeatSecondsPath,
      @Nullable JsonataFields jsonata,
      @Nullable Assign assign)
      implements RetryableState {
    @Override
    public String typeName() {
      return "Task";
    }
  }

  /** {@code Type: Choice}. */
  record ChoiceState(
      String name,
      Paths paths,
      List<ChoiceBranch> choices,
      @Nullable String defaultNext,
      @Nullable JsonataFields jsonata,
      @Nullable Assign assign)
      implements StateDefinition {
    public ChoiceState {
      choices = List.copyOf(choices);
    }

    @Override
    public String typeName() {
      return "Choice";
    }
  }

  /** {@code Type: Wait}. */
  record WaitState(
      String name,
      @Nullable String next,
      Paths paths,
      WaitDuration duration,
      @Nullable JsonataFields jsonata,
      @Nullable Assign assign)
      implements StateDefinition {
    @Override
    public String typeName() {
      return "Wait";
    }
  }

  /** {@code Type: Succeed}. */
  record SucceedState(String name, Paths paths, @Nullable JsonataFields jsonata)
      implements StateDefinition {
    @Override
    public String typeName() {
      return "Succeed";
    }
  }

  /**
   * {@code Type: Fail}: Error or ErrorPath, Cause or CausePath (at most one of each); a path field
   * holds a reference path or an intrinsic function call.
   */
  record FailState(
      String name,
      @Nullable String error,
      @Nullable DynamicValue errorPath,
      @Nullable String cause,
      @Nullable DynamicValue causePath,
      @Nullable JsonataFields jsonata)
      implements StateDefinition {
    @Override
    public String typeName() {
      return "Fail";
    }
  }

  /**
   * {@code Type: Map}, inline or distributed.
   *
   * @param itemSelector {@code ItemSelector}, or the legacy {@code Parameters} that stands for it
   * @param maxConcurrency {@code MaxConcurrency}; 0 when absent (no limit but the mode's own)
   * @param distributed how a {@code ProcessorConfig.Mode: DISTRIBUTED} state names its child
   *     workflow executions; null for an inline Map
   */
  record MapState(
      String name,
      @Nullable String next,
      Paths paths,
      @Nullable JsonPathExpression itemsPath,
      @Nullable PayloadTemplate itemSelector,
      StateGraph itemProcessor,
      int maxConcurrency,
      @Nullable JsonPathExpression maxConcurrencyPath,
      ResultHandling result,
      ErrorHandling errors,
      @Nullable Assign assign,
      @Nullable JsonataFields jsonata,
      @Nullable Distributed distributed)
      implements RetryableState {
    @Override
    public String typeName() {
      return "Map";
    }
  }

  /**
   * A Distributed Map state's runtime settings.
   *
   * @param label {@code Label}, else the state's name: the segment of its child executions' ARNs
   *     after the state machine's name
   * @param tolerance a JSONPath state's tolerated failure threshold (a JSONata state's is in its
   *     {@code jsonata.fields()})
   * @param itemReader where the items come from instead of the state input, or null
   * @param itemBatcher how items are grouped into one child execution's input, or null
   * @param resultWriter how the child executions' results are shaped and exported, or null
   */
  record Distributed(
      String label,
      Tolerance tolerance,
      @Nullable ItemReader itemReader,
      @Nullable ItemBatcher itemBatcher,
      @Nullable ResultWriter resultWriter) {}

  /**
   * {@code ResultWriter} (ResultWriter (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html, "Required
   * field combinations"): {@code Resource} {@code arn:aws:states:::s3:putObject} with its {@code
   * Parameters} (JSONPath) or {@code Arguments} (JSONata) exports the results to Amazon S3; {@code
   * WriterConfig} alone shapes the state's output without exporting.
   *
   * @param parameters a JSONPath state's {@code Parameters} ({@code Bucket}, {@code Prefix}), or
   *     null
   * @param arguments a JSONata state's {@code Arguments}, or null
   * @param config {@code WriterConfig}, or null for the export's default ({@code NONE}, {@code
   *     JSON})
   */
  record ResultWriter(
      @Nullable PayloadTemplate parameters,
      @Nullable JsonataTemplate arguments,
      @Nullable WriterConfig config) {

    /** Whether the results go to Amazon S3 ({@code Resource} and its request are given). */
    boolean exports() {
      return parameters != null || arguments != null;
    }

    /** The configuration in effect: {@code NONE} and {@code JSON} when exporting without one. */
    WriterConfig effectiveConfig() {
      return config == null ? WriterConfig.EXPORT_DEFAULT : config;
    }
  }

  /** {@code ResultWriter.WriterConfig}: its {@code Transformation} and {@code OutputType}. */
  record WriterConfig(Transformation transformation, OutputType outputType) {
    static final WriterConfig EXPORT_DEFAULT =
        new WriterConfig(Transformation.NONE, OutputType.JSON);
  }

  /** {@code WriterConfig.Transformation}. */
  enum Transformation {
    /** Each child execution's record: its metadata, its input and output as JSON strings. */
    NONE,
    /** Each child execution's output. */
    COMPACT,
    /** Each child execution's output, an array's elements one by one. */
    FLATTEN
  }

  /** {@code WriterConfig.OutputType} of the exported result files. */
  enum OutputType {
    /** One JSON array a file. */
    JSON,
    /** JSON Lines: one value a line. */
    JSONL
  }

  /**
   * {@code ItemBatcher}: a JSONPath state's {@code MaxItemsPerBatch}, {@code MaxInputBytesPerBatch}
   * (or their {@code Path} forms) and {@code BatchInput}; a JSONata state's fields are in {@code
   * jsonata}, by name.
   */
  record ItemBatcher(
      @Nullable Long maxItems,
      @Nullable JsonPathExpression maxItemsPath,
      @Nullable Long maxBytes,
      @Nullable JsonPathExpression maxBytesPath,
      @Nullable PayloadTemplate batchInput,
      Map<String, JsonataTemplate> jsonata) {}

  /**
   * {@code ItemReader}: its {@code Resource}, {@code ReaderConfig.InputType} (JSON for a listing,
   * where it does not apply) and its {@code Parameters} (JSONPath) or {@code Arguments} (JSONata).
   */
  record ItemReader(
      ItemSource source,
      InputType inputType,
      @Nullable PayloadTemplate parameters,
      @Nullable JsonataTemplate arguments) {}

  /** {@code arn:aws:states:::s3:getObject} or {@code arn:aws:states:::s3:listObjectsV2}. */
  enum ItemSource {
    GET_OBJECT,
    LIST_OBJECTS_V2
  }

  /** {@code ReaderConfig.InputType} of an object read with getObject. */
  enum InputType {
    JSON,
    JSONL,
    CSV
  }

  /**
   * {@code ToleratedFailurePercentage}/{@code ToleratedFailureCount} and their {@code Path} forms;
   * all null when the state tolerates no failed item.
   */
  record Tolerance(
      @Nullable Double percentage,
      @Nullable JsonPathExpression percentagePath,
      @Nullable Long count,
      @Nullable JsonPathExpression countPath) {
    static final Tolerance NONE = new Tolerance(null, null, null, null);
  }

  /** {@code Type: Parallel}. */
  record ParallelState(
      String name,
      @Nullable String next,
      Paths paths,
      @Nullable PayloadTemplate parameters,
      List<StateGraph> branches,
      ResultHandling result,
      ErrorHandling errors,
      @Nullable Assign assign,
      @Nullable JsonataFields jsonata)
      implements RetryableState {
    public ParallelState {
      branches = List.copyOf(branches);
    }

    @Override
    public String typeName() {
      return "Parallel";
    }
  }

  /**
   * The fields of a JSONata state, each compiled as a template ({@code {% %}} at any depth).
   *
   * @param arguments {@code Arguments} (Task), or null
   * @param output {@code Output}, or null for the default output
   * @param fields the type's own fields by name: {@code Seconds}, {@code Timestamp}, {@code Error},
   *     {@code Cause}, {@code TimeoutSeconds}; a Map's {@code Items}, {@code ItemSelector}, {@code
   *     MaxConcurrency}
   */
  record JsonataFields(
      @Nullable JsonataTemplate arguments,
      @Nullable JsonataTemplate output,
      Map<String, JsonataTemplate> fields) {
    public JsonataFields {
      fields = Map.copyOf(fields);
    }
  }

  /** {@code InputPath} and {@code OutputPath}. */
  record Paths(Selection inputPath, Selection outputPath) {
    static final Paths DEFAULT = new Paths(Selection.DEFAULT, Selection.DEFAULT);
  }

  /** {@code ResultSelector} and {@code ResultPath}. */
  record ResultHandling(@Nullable PayloadTemplate resultSelector, ResultPlacement resultPath) {}

  /** {@code Retry} and {@code Catch}, in definition order. */
  record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
    public ErrorHandling {
      retriers = List.copyOf(retriers);
      catchers = List.copyOf(catchers);
    }
  }

  /** States a path field may be in: absent (the default {@code $}), {@code null}, or a path. */
  record Selection(boolean discard, @Nullable JsonPathExpression path) {
    static final Selection DEFAULT = new Selection(false, null);
    static final Selection DISCARD = new Selection(true, null);
  }

  /**
   * A {@code ResultPath}: absent ({@code $}), {@code null} (keep the input), or a reference path.
   */
  record ResultPlacement(boolean discard, @Nullable ReferencePath path) {
    static final ResultPlacement DEFAULT = new ResultPlacement(false, null);
    static final ResultPlacement DISCARD = new ResultPlacement(true, null);
  }

  /** A compiled {@code Retry} entry. */
  record Retrier(
      List<String> errorEquals,
      double intervalSeconds,
      int maxAttempts,
      double backoffRate,
      @Nullable Double maxDelaySeconds,
      boolean fullJitter) {}

  /** A compiled {@code Catch} entry; its {@code Assign} is evaluated on the error output. */
  record Catcher(
      List<String> errorEquals,
      ResultPlacement resultPath,
      String next,
      @Nullable JsonataTemplate output,
      @Nullable Assign assign) {}

  /**
   * A compiled Choice rule with its target, and the {@code Output} and {@code Assign} it adds when
   * it is the one chosen.
   */
  record ChoiceBranch(
      ChoiceRule rule, String next, @Nullable JsonataTemplate output, @Nullable Assign assign) {}

  /**
   * A compiled {@code Assign}: one template for the whole object, a JSONata one ({@code {% %}} at
   * any depth) or a JSONPath payload template (keys ending in {@code .$} take a path or an
   * intrinsic function, read on {@code $}, the state input, result or error output). The keys,
   * without {@code .$}, are the variables assigned.
   *
   * @param field where it is ({@code Assign}, {@code Choices[0].Assign}, {@code Catch[1].Assign})
   */
  record Assign(
      String field,
      List<String> names,
      @Nullable JsonataTemplate jsonata,
      @Nullable PayloadTemplate jsonPath) {
    public Assign {
      names = List.copyOf(names);
    }
  }

  /**
   * A task's target: a static function name, or for {@code lambda:invoke} possibly one from the
   * Parameters.
   *
   * @param waitForTaskToken the resource ends in {@code .waitForTaskToken}: the task waits for a
   *     callback after the function returns
   * @param startExecution for {@code arn:aws:states:::states:startExecution} (and its {@code .sync}
   *     forms) not mapped to a function: how the task starts a state machine the runner knows; null
   *     for a function
   */
  record TaskTarget(
      String resource,
      @Nullable String functionName,
      boolean lambdaInvoke,
      boolean waitForTaskToken,
      @Nullable StartExecutionPattern startExecution) {

    /** A target that invokes a function. */
    TaskTarget(
        String resource,
        @Nullable String functionName,
        boolean lambdaInvoke,
        boolean waitForTaskToken) {
      this(resource, functionName, lambdaInvoke, waitForTaskToken, null);
    }
  }

  /**
   * The integration pattern of a {@code states:startExecution} task (Start a new AWS Step Functions
   * state machine from a running execution,
   * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html).
   */
  enum StartExecutionPattern {
    /** {@code states:startExecution}: the task ends once the execution started. */
    REQUEST_RESPONSE,
    /** {@code states:startExecution.sync}: waits; {@code Output} is a JSON string. */
    SYNC,
    /** {@code states:startExecution.sync:2}: waits; {@code Output} is JSON. */
    SYNC_2
  }
}
