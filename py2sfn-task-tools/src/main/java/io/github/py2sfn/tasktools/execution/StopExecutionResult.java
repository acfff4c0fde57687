package io.github.py2sfn.tasktools.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What stopping an execution did. A task may return it: Step Functions ignores the output of a task
 * whose execution was stopped, but the value shows in logs and local runs.
 *
 * @param executionArn the execution
 * @param status the execution's status afterwards: {@code ABORTED}, or the terminal status it
 *     already had, or {@code RUNNING} when not waiting for the stop to complete
 * @param error the error code given to StopExecution
 * @param cause the cause given to StopExecution
 * @param stopRequested whether StopExecution was called; false when the execution had already ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopExecutionResult(
    @JsonProperty("execution_arn") String executionArn,
    @JsonProperty("status") String status,
    @JsonProperty("error") @Nullable String error,
    @JsonProperty("cause") @Nullable String cause,
    @JsonProperty("stop_requested") boolean stopRequested) {}
