package io.github.py2sfn.tasktools.localrunner;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One execution started by an {@link ExecutionMirror}. */
public interface MirroredExecution {

  /** The execution ARN, which becomes {@code $$.Execution.Id}. */
  String executionArn();

  /** The state machine ARN, which becomes {@code $$.StateMachine.Id}. */
  String stateMachineArn();

  /**
   * Asks whether the execution was stopped; called after every Task and before every state starts.
   *
   * @return the stop's error and cause once the mirrored execution is ABORTED, otherwise empty
   */
  Optional<Stop> stopped();

  /**
   * Ends the mirror when the local run is over (a no-op when it was stopped).
   *
   * @param status how the local run ended
   */
  void finish(ExecutionStatus status);

  /**
   * The error and cause a stopped execution reports.
   *
   * @param error the StopExecution error, or null
   * @param cause the StopExecution cause, or null
   */
  record Stop(@Nullable String error, @Nullable String cause) {}
}
