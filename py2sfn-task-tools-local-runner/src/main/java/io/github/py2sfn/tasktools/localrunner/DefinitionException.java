package io.github.py2sfn.tasktools.localrunner;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown before anything runs when the runner cannot execute a definition: invalid JSON, an unknown
 * state type, JSONata, a bad path, a {@code Next} to nowhere, a Task resource it cannot map to a
 * function. The message lists every problem found; {@link #stateName()} and {@link #field()} locate
 * the first.
 */
public class DefinitionException extends StateMachineRunnerException {

  private static final long serialVersionUID = 1L;

  private final @Nullable String stateName;
  private final String field;
  private final List<String> problems;

  /**
   * Creates an exception.
   *
   * @param stateName the state of the first problem, or null for a top-level field
   * @param field the field of the first problem, such as {@code Parameters.id.$}
   * @param problems every problem found, each naming its state and field
   */
  public DefinitionException(@Nullable String stateName, String field, List<String> problems) {
    super(
        "The state machine definition cannot be run locally:\n  " + String.join("\n  ", problems),
        null);
    this.stateName = stateName;
    this.field = field;
    this.problems = List.copyOf(problems);
  }

  /** The state of the first problem, or null when it is a top-level field. */
  public @Nullable String stateName() {
    return stateName;
  }

  /** The field of the first problem. */
  public String field() {
    return field;
  }

  /** Every problem found, each naming its state and field. */
  public List<String> problems() {
    return problems;
  }
}
