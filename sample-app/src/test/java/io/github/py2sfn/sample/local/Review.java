package io.github.py2sfn.sample.local;

import io.github.py2sfn.sample.catalog.ApprovalDecision;
import io.github.py2sfn.sample.catalog.ApprovalDecision.Decision;
import java.util.List;

/**
 * How the reviewer of a local run answers its approval step: the decisions {@link CatalogWorkflow}
 * sends to the {@code approvePricing} function once the execution has requested approval.
 */
public sealed interface Review {

  /**
   * The decisions to send, in order.
   *
   * @param executionName the execution waiting for approval
   * @return the decisions, empty for none
   */
  List<ApprovalDecision> decisions(String executionName);

  /**
   * The reviewer takes the request (a heartbeat), then approves.
   *
   * @param reviewer who approves
   * @return the review
   */
  static Review approves(String reviewer) {
    return new Approves(reviewer);
  }

  /**
   * The reviewer rejects the pricing.
   *
   * @param reviewer who rejects
   * @param reason why
   * @return the review
   */
  static Review rejects(String reviewer, String reason) {
    return new Rejects(reviewer, reason);
  }

  /**
   * Nobody answers: the approval step runs into its {@code HeartbeatSeconds}.
   *
   * @return the review
   */
  static Review nobody() {
    return new Nobody();
  }

  /**
   * A heartbeat ({@code REVIEWING}), then {@code APPROVED}.
   *
   * @param reviewer who approves
   */
  record Approves(String reviewer) implements Review {
    @Override
    public List<ApprovalDecision> decisions(String executionName) {
      return List.of(
          new ApprovalDecision(executionName, reviewer, Decision.REVIEWING, null),
          new ApprovalDecision(executionName, reviewer, Decision.APPROVED, null));
    }
  }

  /**
   * {@code REJECTED} with a reason.
   *
   * @param reviewer who rejects
   * @param reason why
   */
  record Rejects(String reviewer, String reason) implements Review {
    @Override
    public List<ApprovalDecision> decisions(String executionName) {
      return List.of(new ApprovalDecision(executionName, reviewer, Decision.REJECTED, reason));
    }
  }

  /** No decision at all. */
  record Nobody() implements Review {
    @Override
    public List<ApprovalDecision> decisions(String executionName) {
      return List.of();
    }
  }
}
