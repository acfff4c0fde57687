package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One Map Run: the child workflow executions one attempt at a Distributed Map state with a {@code
 * ResultWriter} starts, recorded as they end so the writer can export them (ResultWriter (Map),
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html). Its ARN is
 * {@code arn:aws:states:<region>:<account>:mapRun:<stateMachine>/<label>:<uuid>}, the form the page
 * shows for {@code MapRunArn}; the UUID also names the export's folder.
 */
final class MapRun {

  /** How a child execution ended: its DescribeExecution {@code Status}. */
  enum Status {
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  /**
   * A child execution that started.
   *
   * @param output its output when it succeeded, else null
   * @param error its error when it failed, else null
   * @param cause its cause when it failed with one, else null
   */
  record Child(
      String executionArn,
      String name,
      JsonNode input,
      Instant startDate,
      Instant stopDate,
      Status status,
      @Nullable JsonNode output,
      @Nullable String error,
      @Nullable String cause) {}

  /**
   * A child execution's input that never started: the Map Run failed or was aborted first.
   *
   * @param input the input it would have had
   */
  record Pending(JsonNode input) {}

  private final String uuid = UUID.randomUUID().toString();
  private final String arn;
  private final String stateMachineArn;
  private final AtomicReferenceArray<@Nullable Child> children;
  private final IntFunction<JsonNode> inputs;

  /**
   * Starts a Map Run of {@code units} child executions.
   *
   * @param run the execution running the Distributed Map state
   * @param label the state's {@code Label}, else its name
   * @param units how many child executions it starts (items, or batches)
   * @param inputs the input of child execution {@code i}, for those left pending
   */
  MapRun(RunState run, String label, int units, IntFunction<JsonNode> inputs) {
    EngineSettings settings = run.settings();
    this.arn = settings.arn("mapRun", settings.stateMachineName() + "/" + label + ":" + uuid);
    // The children's state machine, as the page's records name it: <stateMachine>/<label>.
    this.stateMachineArn = run.stateMachineArn() + "/" + label;
    this.children = new AtomicReferenceArray<>(units);
    this.inputs = inputs;
  }

  String arn() {
    return arn;
  }

  String uuid() {
    return uuid;
  }

  /** The ARN of the state machine every child execution ran. */
  String stateMachineArn() {
    return stateMachineArn;
  }

  /** Records how child execution {@code index} ended. */
  void ended(int index, Child child) {
    children.set(index, child);
  }

  /** The child executions that started, in item order. */
  List<Child> started() {
    List<Child> started = new ArrayList<>();
    for (int i = 0; i < children.length(); i++) {
      Child child = children.get(i);
      if (child != null) {
        started.add(child);
      }
    }
    return started;
  }

  /** The child executions that never started, in item order. */
  List<Pending> pending() {
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < children.length(); i++) {
      if (children.get(i) == null) {
        pending.add(new Pending(inputs.apply(i)));
      }
    }
    return pending;
  }
}
