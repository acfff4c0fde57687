package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a reviewer tells {@code approvePricing} about an execution's pending approval: the input of
 * that function, which a review tool or an API calls on AWS.
 *
 * <pre>{@code
 * {"execution_name": "nightly-2026-12-02", "reviewer": "alice", "decision": "APPROVED"}
 * }</pre>
 *
 * @param executionName the execution whose pricing is reviewed
 * @param reviewer who decides
 * @param decision the decision
 * @param reason why, for a rejection; becomes part of the execution's cause
 */
public record ApprovalDecision(
    @JsonProperty("execution_name") String executionName,
    @JsonProperty("reviewer") String reviewer,
    @JsonProperty("decision") Decision decision,
    @JsonProperty("reason") @Nullable String reason) {

  /** A reviewer's decision, each sent to Step Functions with its own callback. */
  public enum Decision {
    /** The reviewer works on it: SendTaskHeartbeat, so {@code HeartbeatSeconds} start again. */
    REVIEWING,
    /** Publish the summary: SendTaskSuccess with an {@link Approval}. */
    APPROVED,
    /** Do not publish it: SendTaskFailure with error {@value CatalogTasks#PRICING_REJECTED}. */
    REJECTED
  }
}
