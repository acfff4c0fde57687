package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An approval request waiting for its decision, as {@code requestApproval} stores it under the
 * execution's local key {@value CatalogTasks#APPROVAL_REQUEST}: the summary to review and the task
 * token that completes the waiting state.
 *
 * @param summary the summary awaiting approval
 * @param taskToken the token of the waiting {@code AwaitApproval} state; whoever holds it can
 *     complete the state, so it never leaves the approver function
 */
public record PendingApproval(
    @JsonProperty("summary") CatalogSummary summary, @JsonProperty("task_token") String taskToken) {

  /** Shows the summary only: the task token is a credential. */
  @Override
  public String toString() {
    return "PendingApproval[summary=" + summary + ", taskToken=(hidden)]";
  }
}
