package io.github.py2sfn.tasktools.localrunner;

import io.github.py2sfn.tasktools.localrunner.internal.StopExecutionRecorder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Mirrors local executions through the Step Functions API of an {@link SfnClient} (moto, LocalStack
 * or AWS): it creates (or reuses) a state machine of the same name and starts an execution of the
 * same name, so the local {@code $$.Execution.Id} is a real ARN that a task's StopExecution call
 * can stop.
 *
 * <p>The mirrored state machine's definition is a placeholder that waits, not the real definition:
 * an endpoint that executes state machines (moto with execution enabled, LocalStack, AWS) would
 * otherwise run the real definition's Lambda tasks a second time, and a definition that ends at
 * once could no longer be stopped. When the local run ends without a stop, the mirror stops its
 * execution with error {@code LocalRunFinished}, so nothing keeps running on AWS.
 *
 * <pre>{@code
 * LocalStateMachineRunner runner = LocalStateMachineRunner.builder()
 *         .definitionResource("order.asl.json")
 *         .taskInvoker(invoker)
 *         .mirror(SfnExecutionMirror.create(sfnClient))
 *         .build();
 * }</pre>
 */
public final class SfnExecutionMirror implements ExecutionMirror {

  /** Error of the StopExecution call that ends a mirrored execution when the local run is over. */
  public static final String FINISHED_ERROR = "LocalRunFinished";

  static final String PLACEHOLDER_DEFINITION =
      "{\"Comment\":\"Mirror of a local run "
          + "(py2sfn-task-tools-local-runner): waits until the local run stops it\","
          + "\"StartAt\":\"LocalRun\",\"States\":{\"LocalRun\":{\"Type\":\"Wait\",\"Seconds\":99999999,"
          + "\"End\":true}}}";

  private final SfnClient client;
  private final String roleArn;
  private final Map<String, String> stateMachineArns = new ConcurrentHashMap<>();

  private SfnExecutionMirror(SfnClient client, String roleArn) {
    this.client = client;
    this.roleArn = roleArn;
  }

  /**
   * Creates a mirror whose state machines use the role {@code
   * arn:aws:iam::123456789012:role/local-state-machine} (emulators accept any well-formed role).
   *
   * @param client the Step Functions client the application's tasks use
   * @return the mirror
   */
  public static SfnExecutionMirror create(SfnClient client) {
    return create(client, "arn:aws:iam::123456789012:role/local-state-machine");
  }

  /**
   * Creates a mirror.
   *
   * @param client the Step Functions client the application's tasks use
   * @param roleArn the role of the mirrored state machines (on AWS: one Step Functions may assume)
   * @return the mirror
   */
  public static SfnExecutionMirror create(SfnClient client, String roleArn) {
    return new SfnExecutionMirror(client, roleArn);
  }

  /**
   * Creates or reuses the state machine and starts the execution.
   *
   * @throws StateMachineRunnerException when the Step Functions API refuses
   */
  @Override
  public MirroredExecution start(String stateMachineName, String executionName, String input) {
    try {
      StartExecutionResponse started;
      String stateMachineArn = stateMachineArn(stateMachineName);
      try {
        started =
            client.startExecution(
                b -> b.stateMachineArn(stateMachineArn).name(executionName).input(input));
      } catch (StateMachineDoesNotExistException e) {
        // Deleted since, or moto switched to its executing store: create it again.
        stateMachineArns.remove(stateMachineName);
        String recreated = stateMachineArn(stateMachineName);
        started =
            client.startExecution(
                b -> b.stateMachineArn(recreated).name(executionName).input(input));
      }
      String executionArn = started.executionArn();
      StopExecutionRecorder.watch(executionArn);
      return new Execution(executionArn, stateMachineArns.get(stateMachineName));
    } catch (SdkException e) {
      throw new StateMachineRunnerException(
          "Cannot mirror execution '"
              + executionName
              + "' of state machine '"
              + stateMachineName
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private String stateMachineArn(String name) {
    return stateMachineArns.computeIfAbsent(
        name,
        key -> {
          try {
            return client
                .createStateMachine(
                    b -> b.name(key).definition(PLACEHOLDER_DEFINITION).roleArn(roleArn))
                .stateMachineArn();
          } catch (StateMachineAlreadyExistsException e) {
            // AWS refuses a second state machine of this name with another definition: reuse it.
            return client.listStateMachinesPaginator(b -> {}).stateMachines().stream()
                .filter(item -> item.name().equals(key))
                .map(StateMachineListItem::stateMachineArn)
                .findFirst()
                .orElseThrow(() -> e);
          }
        });
  }

  private final class Execution implements MirroredExecution {

    private final String executionArn;
    private final String stateMachineArn;

    Execution(String executionArn, String stateMachineArn) {
      this.executionArn = executionArn;
      this.stateMachineArn = stateMachineArn;
    }

    @Override
    public String executionArn() {
      return executionArn;
    }

    @Override
    public String stateMachineArn() {
      return stateMachineArn;
    }

    @Override
    public Optional<Stop> stopped() {
      Optional<Stop> stoppedHere = StopExecutionRecorder.recorded(executionArn);
      if (stoppedHere.isPresent()) {
        // A StopExecution that succeeded has stopped the execution; an emulator's
        // DescribeExecution may show it ABORTED only a moment later.
        return stoppedHere;
      }
      DescribeExecutionResponse execution;
      try {
        execution = client.describeExecution(b -> b.executionArn(executionArn));
      } catch (SdkException e) {
        throw new StateMachineRunnerException(
            "Cannot describe mirrored execution " + executionArn + ": " + e.getMessage(), e);
      }
      if (execution.status() != ExecutionStatus.ABORTED) {
        return Optional.empty();
      }
      return Optional.of(new Stop(execution.error(), execution.cause()));
    }

    @Override
    public void finish(io.github.py2sfn.tasktools.localrunner.ExecutionStatus status) {
      try {
        if (status != io.github.py2sfn.tasktools.localrunner.ExecutionStatus.ABORTED) {
          client.stopExecution(
              b ->
                  b.executionArn(executionArn)
                      .error(FINISHED_ERROR)
                      .cause("The local run ended with status " + status));
        }
      } catch (SdkException e) {
        throw new StateMachineRunnerException(
            "Cannot stop mirrored execution " + executionArn + ": " + e.getMessage(), e);
      } finally {
        StopExecutionRecorder.unwatch(executionArn);
      }
    }
  }
}
