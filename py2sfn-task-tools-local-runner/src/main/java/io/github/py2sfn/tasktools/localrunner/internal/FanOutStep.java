package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.HistoryEventType;
import io.github.py2sfn.tasktools.localrunner.StateMachineRunnerException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of Map and Parallel states: runs each iteration or branch as a graph of its own, in its
 * own variable scope, concurrently up to a limit. The first failure fails the state and stops the
 * others: "If any iteration fails, entire Map state fails, and all iterations are terminated" (Map
 * state), "all its branches are stopped" (Parallel state). Tasks already running finish, as invoked
 * Lambda functions do on AWS, and what they return is dropped.
 */
final class FanOutStep {

  /** AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says. */
  static final int INLINE_MAP_CONCURRENCY = 40;

  /**
   * A Distributed Map runs "up to 10,000 parallel child workflow executions" (Distributed Map
   * state, https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
   */
  static final int DISTRIBUTED_MAP_CONCURRENCY = 10_000;

  /** Runs a nested graph to its end: what the engine does for the top-level states. */
  @FunctionalInterface
  interface GraphRunner {
    JsonNode run(
        StateGraph graph,
        JsonNode input,
        String scope,
        VariableScope variables,
        Cancellation cancellation,
        RunState run);
  }

  /** One iteration or branch, told by {@code siblings} when another one failed. */
  @FunctionalInterface
  private interface Unit {
    JsonNode run(int index, Cancellation siblings);
  }

  /**
   * How many failed child executions a Distributed Map state tolerates (Tolerated failure threshold
   * for Distributed Map state,
   * https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html): the state
   * fails once the failed items exceed either limit given.
   *
   * @param percentage the tolerated share of failed items, 0 to 100, or null
   * @param count the tolerated number of failed items, or null
   */
  private record Threshold(@Nullable Double percentage, @Nullable Long count) {
    /** Null when the state gave neither field: then the first failure fails it. */
    static @Nullable Threshold of(@Nullable Double percentage, @Nullable Long count) {
      return percentage == null && count == null ? null : new Threshold(percentage, count);
    }

    // "the total number of failed or timed out items divided by the total number of items"
    boolean exceeded(int failed, int total) {
      return (percentage != null && failed * 100.0 / total > percentage)
          || (count != null && failed > count);
    }
  }

  private final GraphRunner graphs;

  FanOutStep(GraphRunner graphs) {
    this.graphs = graphs;
  }

  /** One attempt at a Map state: the array of its iterations' outputs. */
  JsonNode map(StateDefinition.MapState state, StateVisit visit, ObjectNode context) {
    if (state.jsonata() != null) {
      return jsonataMap(state, state.jsonata(), visit, context);
    }
    VariableScope variables = visit.variables();
    JsonNode effective =
        JsonPathDataFlow.inputPath(state.paths(), visit.input(), context, variables);
    Bindings bindings = new Bindings(effective, context, variables);
    StateDefinition.ItemReader reader = itemReader(state);
    JsonNode items;
    if (reader != null && reader.parameters() != null) {
      items = readItems(state, reader, reader.parameters().evaluate(bindings), visit);
    } else {
      items = state.itemsPath() == null ? effective : state.itemsPath().read(bindings, "ItemsPath");
    }
    if (!items.isArray()) {
      throw StateFailure.runtime(
          "State '"
              + state.name()
              + "' field ItemsPath: the value is not an array but "
              + items.getNodeType());
    }
    int limit = state.maxConcurrency();
    if (state.maxConcurrencyPath() != null) {
      limit = state.maxConcurrencyPath().read(bindings, "MaxConcurrencyPath").asInt();
    }
    limit = concurrency(state, limit);
    PayloadTemplate selector = state.itemSelector();
    IntFunction<JsonNode> select =
        index -> {
          JsonNode item = items.get(index);
          return selector == null
              ? item
              : selector.evaluate(
                  new Bindings(effective, itemContext(context, index, item), variables));
        };
    StateDefinition.ResultWriter writer = resultWriter(state);
    ResultWriterStep.Destination destination = null;
    if (writer != null && writer.parameters() != null) {
      destination = destination(state, visit, "Parameters", writer.parameters().evaluate(bindings));
    }
    return iterations(
        state,
        visit,
        items.size(),
        limit,
        jsonPathThreshold(state, bindings),
        select,
        jsonPathBatching(state, bindings),
        destination);
  }

  /**
   * One attempt at a JSONata Map state: {@code Items} (else the state input) must be an array;
   * {@code ItemSelector} sees {@code $states.context.Map.Item}.
   */
  private JsonNode jsonataMap(
      StateDefinition.MapState state,
      StateDefinition.JsonataFields fields,
      StateVisit visit,
      ObjectNode context) {
    JsonataTemplate.States states = visit.states(context, null, null);
    JsonataTemplate itemsTemplate = fields.fields().get("Items");
    StateDefinition.ItemReader reader = itemReader(state);
    JsonNode items;
    if (reader != null && reader.arguments() != null) {
      items =
          readItems(
              state, reader, reader.arguments().evaluate(states, "ItemReader.Arguments"), visit);
    } else if (itemsTemplate == null) {
      items = visit.input();
      if (!items.isArray()) {
        throw StateFailure.runtime(
            "State '"
                + state.name()
                + "': without Items the state input must be an array, not "
                + items.getNodeType());
      }
    } else {
      items = itemsTemplate.evaluate(states, "Items");
      if (!items.isArray()) {
        throw JsonataDataFlow.wrongType("Items", items, "an array");
      }
    }
    Long maxConcurrency = JsonataDataFlow.integer(fields, "MaxConcurrency", states, 0);
    int limit =
        concurrency(
            state, maxConcurrency == null ? 0 : (int) Math.min(maxConcurrency, Integer.MAX_VALUE));
    JsonataTemplate selector = fields.fields().get("ItemSelector");
    JsonNode array = items;
    IntFunction<JsonNode> select =
        index -> {
          JsonNode item = array.get(index);
          return selector == null
              ? item
              : selector.evaluate(
                  new JsonataTemplate.States(
                      visit.input(),
                      itemContext(context, index, item),
                      null,
                      null,
                      visit.variables()),
                  "ItemSelector");
        };
    StateDefinition.ResultWriter writer = resultWriter(state);
    ResultWriterStep.Destination destination = null;
    if (writer != null && writer.arguments() != null) {
      destination =
          destination(
              state,
              visit,
              "Arguments",
              writer.arguments().evaluate(states, "ResultWriter.Arguments"));
    }
    return iterations(
        state,
        visit,
        array.size(),
        limit,
        jsonataThreshold(state, fields, states),
        select,
        jsonataBatching(state, states),
        destination);
  }

  private static StateDefinition.@Nullable ResultWriter resultWriter(
      StateDefinition.MapState state) {
    return state.distributed() == null ? null : state.distributed().resultWriter();
  }

  /** The export's destination, checked before the Map Run starts: with nothing to write with. */
  private static ResultWriterStep.Destination destination(
      StateDefinition.MapState state, StateVisit visit, String field, JsonNode request) {
    ResultWriterStep.Destination destination =
        ResultWriterStep.destination(state.name(), field, request);
    ResultWriterStep.requireClient(state.name(), visit.run().settings().s3Client());
    return destination;
  }

  /**
   * Runs a Map state's iterations over {@code count} items, {@code select} giving an item's input
   * (its ItemSelector result); with {@code batching}, each child execution takes a batch of them.
   * With a {@code ResultWriter}, the child executions make a Map Run that the writer shapes, and
   * exports to {@code destination} when there is one, also when the Map Run fails.
   */
  private JsonNode iterations(
      StateDefinition.MapState state,
      StateVisit visit,
      int count,
      int limit,
      @Nullable Threshold threshold,
      IntFunction<JsonNode> select,
      @Nullable Batching batching,
      ResultWriterStep.@Nullable Destination destination) {
    int units;
    IntFunction<JsonNode> inputs;
    IntUnaryOperator itemsOf;
    if (batching == null) {
      units = count;
      inputs = select;
      itemsOf = index -> 1;
    } else {
      List<ArrayNode> batches = batching.split(count, select);
      units = batches.size();
      inputs = index -> batching.input(batches.get(index));
      itemsOf = index -> batches.get(index).size();
    }
    StateDefinition.ResultWriter writer = resultWriter(state);
    MapRun mapRun =
        writer == null ? null : new MapRun(visit.run(), state.distributed().label(), units, inputs);
    JsonNode output;
    try {
      output =
          fanOut(
              visit,
              units,
              limit,
              threshold,
              itemsOf,
              count,
              (index, siblings) ->
                  iteration(state, inputs.apply(index), visit, index, siblings, mapRun));
    } catch (StateFailure failure) {
      if (mapRun != null && destination != null) {
        // A failed Map Run still exports what its children did, and those it never started.
        finish(state, writer, destination, mapRun, visit);
      }
      throw failure;
    }
    return mapRun == null ? output : finish(state, writer, destination, mapRun, visit);
  }

  private static JsonNode finish(
      StateDefinition.MapState state,
      StateDefinition.ResultWriter writer,
      ResultWriterStep.@Nullable Destination destination,
      MapRun mapRun,
      StateVisit visit) {
    EngineSettings settings = visit.run().settings();
    return ResultWriterStep.finish(
        state.name(), writer, destination, mapRun, settings.s3Client(), settings.mapper());
  }

  /**
   * A Distributed Map's resolved {@code ItemBatcher} (ItemBatcher (Map),
   * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html): a child
   * execution's input is {@code {"Items": [...], "BatchInput": ...}}, with at most {@code maxItems}
   * items and at most {@code maxBytes} bytes.
   */
  private record Batching(
      @Nullable Long maxItems, @Nullable Long maxBytes, @Nullable JsonNode batchInput) {

    List<ArrayNode> split(int count, IntFunction<JsonNode> select) {
      List<ArrayNode> batches = new ArrayList<>();
      long empty = DataLimits.utf8Bytes(input(JsonNodeFactory.instance.arrayNode()));
      ArrayNode current = null;
      long bytes = 0;
      for (int i = 0; i < count; i++) {
        JsonNode item = select.apply(i);
        // The item's text and the comma before it.
        long itemBytes = DataLimits.utf8Bytes(item) + 1;
        if (current != null
            && ((maxItems != null && current.size() >= maxItems)
                || (maxBytes != null && bytes + itemBytes > maxBytes))) {
          current = null;
        }
        if (current == null) {
          current = JsonNodeFactory.instance.arrayNode();
          batches.add(current);
          bytes = empty;
        }
        current.add(item);
        bytes += itemBytes;
      }
      return batches;
    }

    JsonNode input(ArrayNode items) {
      ObjectNode input = JsonNodeFactory.instance.objectNode();
      input.set("Items", items);
      if (batchInput != null) {
        input.set("BatchInput", batchInput);
      }
      return input;
    }
  }

  private static @Nullable Batching jsonPathBatching(
      StateDefinition.MapState state, Bindings bindings) {
    StateDefinition.ItemBatcher batcher =
        state.distributed() == null ? null : state.distributed().itemBatcher();
    if (batcher == null) {
      return null;
    }
    return new Batching(
        batchLimit(
            state, batcher.maxItems(), batcher.maxItemsPath(), "MaxItemsPerBatchPath", bindings),
        batchLimit(
            state,
            batcher.maxBytes(),
            batcher.maxBytesPath(),
            "MaxInputBytesPerBatchPath",
            bindings),
        batcher.batchInput() == null ? null : batcher.batchInput().evaluate(bindings));
  }

  private static @Nullable Long batchLimit(
      StateDefinition.MapState state,
      @Nullable Long value,
      @Nullable JsonPathExpression path,
      String field,
      Bindings bindings) {
    if (path == null) {
      return value;
    }
    JsonNode read = path.read(bindings, "ItemBatcher." + field);
    if (!read.isIntegralNumber() || read.asLong() < 1) {
      throw StateFailure.runtime(
          "State '"
              + state.name()
              + "' field ItemBatcher."
              + field
              + ": the value is not an integer of at least 1");
    }
    return read.asLong();
  }

  private static @Nullable Batching jsonataBatching(
      StateDefinition.MapState state, JsonataTemplate.States states) {
    StateDefinition.ItemBatcher batcher =
        state.distributed() == null ? null : state.distributed().itemBatcher();
    if (batcher == null) {
      return null;
    }
    StateDefinition.JsonataFields fields =
        new StateDefinition.JsonataFields(null, null, batcher.jsonata());
    JsonataTemplate batchInput = batcher.jsonata().get("BatchInput");
    return new Batching(
        JsonataDataFlow.integer(fields, "MaxItemsPerBatch", states, 1),
        JsonataDataFlow.integer(fields, "MaxInputBytesPerBatch", states, 1),
        batchInput == null ? null : batchInput.evaluate(states, "ItemBatcher.BatchInput"));
  }

  private static StateDefinition.@Nullable ItemReader itemReader(StateDefinition.MapState state) {
    return state.distributed() == null ? null : state.distributed().itemReader();
  }

  private static JsonNode readItems(
      StateDefinition.MapState state,
      StateDefinition.ItemReader reader,
      JsonNode arguments,
      StateVisit visit) {
    EngineSettings settings = visit.run().settings();
    return ItemReaderStep.read(
        state.name(), reader, arguments, settings.s3Client(), settings.mapper());
  }

  /** A JSONPath Distributed Map's threshold, its Path fields read from the effective input. */
  private static @Nullable Threshold jsonPathThreshold(
      StateDefinition.MapState state, Bindings bindings) {
    StateDefinition.Distributed distributed = state.distributed();
    if (distributed == null) {
      return null;
    }
    StateDefinition.Tolerance tolerance = distributed.tolerance();
    Double percentage = tolerance.percentage();
    if (tolerance.percentagePath() != null) {
      JsonNode value = tolerance.percentagePath().read(bindings, "ToleratedFailurePercentagePath");
      if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
        throw StateFailure.runtime(
            "State '"
                + state.name()
                + "' field ToleratedFailurePercentagePath: the value is not a number from 0 to 100");
      }
      percentage = value.asDouble();
    }
    Long count = tolerance.count();
    if (tolerance.countPath() != null) {
      JsonNode value = tolerance.countPath().read(bindings, "ToleratedFailureCountPath");
      if (!value.isIntegralNumber() || value.asLong() < 0) {
        throw StateFailure.runtime(
            "State '"
                + state.name()
                + "' field ToleratedFailureCountPath: the value is not an integer of at least 0");
      }
      count = value.asLong();
    }
    return Threshold.of(percentage, count);
  }

  /** A JSONata Distributed Map's threshold, its fields' expressions evaluated. */
  private static @Nullable Threshold jsonataThreshold(
      StateDefinition.MapState state,
      StateDefinition.JsonataFields fields,
      JsonataTemplate.States states) {
    if (state.distributed() == null) {
      return null;
    }
    JsonataTemplate percentageTemplate = fields.fields().get("ToleratedFailurePercentage");
    Double percentage = null;
    if (percentageTemplate != null) {
      JsonNode value = percentageTemplate.evaluate(states, "ToleratedFailurePercentage");
      if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
        throw JsonataDataFlow.wrongType(
            "ToleratedFailurePercentage", value, "a number from 0 to 100");
      }
      percentage = value.asDouble();
    }
    return Threshold.of(
        percentage, JsonataDataFlow.integer(fields, "ToleratedFailureCount", states, 0));
  }

  /** {@code MaxConcurrency} (0: none) within the limit of the Map state's mode. */
  private static int concurrency(StateDefinition.MapState state, int maxConcurrency) {
    int modeLimit =
        state.distributed() == null ? INLINE_MAP_CONCURRENCY : DISTRIBUTED_MAP_CONCURRENCY;
    return maxConcurrency <= 0 ? modeLimit : Math.min(maxConcurrency, modeLimit);
  }

  /**
   * One iteration of a Map state: an inline Map's runs in the execution, seeing its variables; a
   * Distributed Map's runs as a child workflow execution of its own, with its own name, ARN and
   * context object, and none of the parent's variables: the variable-scope rules of Passing data
   * between states with variables
   * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html) give a
   * Distributed Map's child workflows a scope of their own; the parent passes values in through
   * ItemSelector.
   */
  private JsonNode iteration(
      StateDefinition.MapState state,
      JsonNode input,
      StateVisit visit,
      int index,
      Cancellation siblings,
      @Nullable MapRun mapRun) {
    StateDefinition.Distributed distributed = state.distributed();
    if (distributed == null) {
      return runChild(
          state.itemProcessor(),
          input,
          visit,
          index,
          siblings,
          visit.run(),
          visit.variables().child(),
          null);
    }
    RunState child =
        visit.run().childExecution(distributed.label(), UUID.randomUUID().toString(), input);
    String detail = "execution: " + child.executionArn();
    if (mapRun == null) {
      return runChild(
          state.itemProcessor(), input, visit, index, siblings, child, child.variables(), detail);
    }
    // One a failed sibling kept from starting stays PENDING in the Map Run.
    siblings.throwIfCancelled();
    try {
      JsonNode output =
          runChild(
              state.itemProcessor(),
              input,
              visit,
              index,
              siblings,
              child,
              child.variables(),
              detail);
      mapRun.ended(index, ended(child, input, MapRun.Status.SUCCEEDED, output, null, null));
      return output;
    } catch (StateFailure failure) {
      mapRun.ended(
          index,
          ended(child, input, MapRun.Status.FAILED, null, failure.error(), failure.failureCause()));
      throw failure;
    } catch (Cancellation.Cancelled stopped) {
      // Stopped by Step Functions "because the Map Run failed" (MapRunExecutionCounts.aborted).
      mapRun.ended(index, ended(child, input, MapRun.Status.ABORTED, null, null, null));
      throw stopped;
    }
  }

  private static MapRun.Child ended(
      RunState child,
      JsonNode input,
      MapRun.Status status,
      @Nullable JsonNode output,
      @Nullable String error,
      @Nullable String cause) {
    return new MapRun.Child(
        child.executionArn(),
        child.executionName(),
        input,
        child.startDate(),
        child.now(),
        status,
        output,
        error,
        cause);
  }

  /**
   * The context object an iteration's {@code ItemSelector} sees: the state's, with {@code Map.Item}
   * (Context object page, "Context object data for Map states": {@code Index}, {@code Value}, and
   * {@code Source}, which "for state input" is {@code STATE_DATA}, the only source of an inline
   * Map; {@code Key}, "only valid for JSON objects", never applies, as the items here are an
   * array's).
   */
  private static ObjectNode itemContext(ObjectNode context, int index, JsonNode item) {
    ObjectNode itemContext = context.deepCopy();
    ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    mapItem.put("Source", "STATE_DATA");
    return itemContext;
  }

  /** One attempt at a Parallel state: the array of its branches' outputs. */
  JsonNode parallel(StateDefinition.ParallelState state, StateVisit visit, ObjectNode context) {
    JsonNode effective =
        visit.effectiveInput(state.jsonata(), state.paths(), state.parameters(), context);
    List<StateGraph> branches = state.branches();
    return fanOut(
        visit,
        branches.size(),
        branches.size(),
        null,
        index -> 1,
        branches.size(),
        (index, siblings) ->
            runChild(
                branches.get(index),
                effective,
                visit,
                index,
                siblings,
                visit.run(),
                visit.variables().child(),
                null));
  }

  /**
   * Runs an iteration or branch in {@code run} (the execution, or a Distributed Map's child
   * execution) with {@code variables}, recording {@code detail} with its start.
   */
  private JsonNode runChild(
      StateGraph graph,
      JsonNode input,
      StateVisit visit,
      int index,
      Cancellation siblings,
      RunState run,
      VariableScope variables,
      @Nullable String detail) {
    // A unit still queued when a sibling failed does not start.
    siblings.throwIfCancelled();
    // An item or ItemSelector result is a state input the quota applies to, as to outputs.
    DataLimits.checkPayload(
        visit.run().settings().enforcePayloadQuota(), input, graph.startAt(), "input");
    String scope = visit.childScope(index);
    run.history().record(HistoryEventType.ITERATION_STARTED, scope, null, null, detail);
    try {
      return graphs.run(graph, input, scope, variables, siblings, run);
    } catch (Cancellation.Cancelled stopped) {
      visit.run().history().record(HistoryEventType.ITERATION_ABORTED, scope, null, null, null);
      throw stopped;
    } finally {
      variables.close();
    }
  }

  /**
   * Runs {@code count} units, at most {@code limit} at once. Without a {@code threshold}, the first
   * failure stops the others and fails them all; with one, a failed unit's output is its error
   * output ({@code Error}, {@code Cause}) until the failures exceed the threshold, which stops the
   * others and fails the state with {@code States.ExceedToleratedFailureThreshold}. The threshold
   * counts items: {@code itemsOf} gives how many unit {@code i} runs, of {@code items} in all.
   */
  private static JsonNode fanOut(
      StateVisit visit,
      int count,
      int limit,
      @Nullable Threshold threshold,
      IntUnaryOperator itemsOf,
      int items,
      Unit unit) {
    RunState run = visit.run();
    Cancellation siblings = visit.cancellation().child();
    JsonNode[] results = new JsonNode[count];
    Semaphore permits = new Semaphore(limit);
    AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    AtomicInteger failed = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    ExecutorService executor = run.executor();
    try {
      for (int i = 0; i < count && !siblings.isCancelled(); i++) {
        permits.acquire();
        if (siblings.isCancelled()) {
          permits.release();
          break;
        }
        int index = i;
        futures.add(
            executor.submit(
                () -> {
                  try {
                    results[index] = unit.run(index, siblings);
                  } catch (StateFailure e) {
                    if (threshold == null) {
                      if (failure.compareAndSet(null, e)) {
                        siblings.cancel();
                      }
                    } else {
                      results[index] = errorOutput(e);
                      // A failed batch fails each of its items.
                      if (threshold.exceeded(failed.addAndGet(itemsOf.applyAsInt(index)), items)
                          && failure.compareAndSet(null, exceeded(visit.state().name()))) {
                        siblings.cancel();
                      }
                    }
                  } catch (RuntimeException e) {
                    if (failure.compareAndSet(null, e)) {
                      siblings.cancel();
                    }
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
    run.abortIfStopped();
    RuntimeException first = failure.get();
    if (first != null) {
      throw first;
    }
    // Stopped from outside before any unit failed: this state's graph stops too.
    visit.cancellation().throwIfCancelled();
    ArrayNode output = JsonNodeFactory.instance.arrayNode();
    for (JsonNode result : results) {
      output.add(result);
    }
    return output;
  }

  private static ObjectNode errorOutput(StateFailure failure) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("Error", failure.error());
    output.put("Cause", failure.failureCause());
    return output;
  }

  private static StateFailure exceeded(String state) {
    return new StateFailure(
        "States.ExceedToleratedFailureThreshold",
        "State '" + state + "': the failed items exceeded the tolerated failure threshold");
  }
}
