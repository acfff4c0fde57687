package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code approvePricing} did with a decision: the callback it sent to Step Functions.
 *
 * @param executionName the execution whose approval it answered
 * @param callback {@code SendTaskHeartbeat}, {@code SendTaskSuccess} or {@code SendTaskFailure}
 */
public record CallbackSent(
    @JsonProperty("execution_name") String executionName,
    @JsonProperty("callback") String callback) {}
