package io.github.py2sfn.tasktools.state;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a Distributed Map's {@code ResultWriter} exported, read by {@link
 * StateDataClient#getMapRunResults getMapRunResults}: the outputs of the child executions that
 * succeeded, and the executions that failed or were left pending with their error and cause (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>).
 *
 * @param mapRunArn the manifest's {@code MapRunArn}
 * @param destinationBucket the manifest's {@code DestinationBucket}
 * @param outputs the outputs of the succeeded executions, file by file in the manifest's order;
 *     with {@code FLATTEN}, an array output's elements one by one
 * @param succeeded the succeeded executions' records: with {@code Transformation} {@code NONE} only
 *     (the other transformations keep only the outputs), else empty
 * @param failed the records of the {@code FAILED} files
 * @param pending the records of the {@code PENDING} files
 * @param <T> the output type
 */
public record MapRunResults<T>(
    String mapRunArn,
    String destinationBucket,
    List<@Nullable T> outputs,
    List<ChildExecution> succeeded,
    List<ChildExecution> failed,
    List<ChildExecution> pending) {

  /** Checks that every field is present. */
  public MapRunResults {
    Objects.requireNonNull(mapRunArn, "mapRunArn");
    Objects.requireNonNull(destinationBucket, "destinationBucket");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(succeeded, "succeeded");
    Objects.requireNonNull(failed, "failed");
    Objects.requireNonNull(pending, "pending");
  }
}
