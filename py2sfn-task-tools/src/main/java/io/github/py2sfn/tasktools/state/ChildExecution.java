package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One child workflow execution of a Distributed Map, as a {@code ResultWriter} result file records
 * it (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>). Failed and pending executions are always recorded this way; succeeded ones only with
 * {@code Transformation} {@code NONE}. Fields the file does not hold are {@code null}; dates are
 * kept as Step Functions writes them.
 *
 * @param executionArn {@code ExecutionArn}
 * @param name {@code Name}
 * @param stateMachineArn {@code StateMachineArn}
 * @param status {@code Status}: {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}, {@code
 *     ABORTED}, ...
 * @param startDate {@code StartDate}
 * @param stopDate {@code StopDate}
 * @param input {@code Input}: the execution's input, as a JSON string
 * @param output {@code Output}: the execution's output, as a JSON string
 * @param error {@code Error}, for a failed execution
 * @param cause {@code Cause}, for a failed execution
 * @param redriveCount {@code RedriveCount}
 * @param redriveStatus {@code RedriveStatus}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChildExecution(
    @JsonProperty("ExecutionArn") @Nullable String executionArn,
    @JsonProperty("Name") @Nullable String name,
    @JsonProperty("StateMachineArn") @Nullable String stateMachineArn,
    @JsonProperty("Status") @Nullable String status,
    @JsonProperty("StartDate") @Nullable String startDate,
    @JsonProperty("StopDate") @Nullable String stopDate,
    @JsonProperty("Input") @Nullable String input,
    @JsonProperty("Output") @Nullable String output,
    @JsonProperty("Error") @Nullable String error,
    @JsonProperty("Cause") @Nullable String cause,
    @JsonProperty("RedriveCount") @Nullable Integer redriveCount,
    @JsonProperty("RedriveStatus") @Nullable String redriveStatus) {

  /** Keeps input, output and cause (user data) out of logs. */
  @Override
  public String toString() {
    return "ChildExecution[executionArn="
        + executionArn
        + ", status="
        + status
        + ", error="
        + error
        + "]";
  }
}
