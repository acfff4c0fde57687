package io.github.py2sfn.tasktools.state;

import java.util.Objects;

/**
 * The {@code WriterConfig} of a Distributed Map's {@code ResultWriter}: how Step Functions shaped
 * the result files {@link StateDataClient#getMapRunResults getMapRunResults} reads (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>). Pass the values the state machine's definition names; {@link #DEFAULT} is what Step
 * Functions writes to S3 when the definition has no {@code WriterConfig}.
 *
 * @param transformation the {@code Transformation}
 * @param outputType the {@code OutputType}
 */
public record ResultWriterConfig(Transformation transformation, OutputType outputType) {

  /** {@code NONE} and {@code JSON}: Step Functions' choice when {@code WriterConfig} is absent. */
  public static final ResultWriterConfig DEFAULT =
      new ResultWriterConfig(Transformation.NONE, OutputType.JSON);

  /** Checks that both values are present. */
  public ResultWriterConfig {
    Objects.requireNonNull(transformation, "transformation");
    Objects.requireNonNull(outputType, "outputType");
  }

  /** What the result files hold for each child execution that succeeded. */
  public enum Transformation {
    /** The child execution's record: its metadata, and its output as a JSON string. */
    NONE,
    /** The child execution's output alone. */
    COMPACT,
    /** The child execution's output alone, an array output spliced in element by element. */
    FLATTEN
  }

  /** How a result file lists its values. */
  public enum OutputType {
    /** One JSON array. */
    JSON,
    /** JSON Lines: one value per line. */
    JSONL
  }
}
