package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The workflow's output: small, whatever the catalog's size.
 *
 * @param executionName the run that produced it
 * @param productCount how many products were priced or rejected
 * @param rejectedCount how many were rejected
 * @param totalValueCents the sum of the final prices
 * @param previousTotalValueCents the total of the previous published run, read across executions,
 *     or {@code null} when none was published yet
 * @param approvedBy who approved the pricing for publication, or {@code null} while it awaits
 *     approval
 */
public record CatalogSummary(
    @JsonProperty("execution_name") String executionName,
    @JsonProperty("product_count") int productCount,
    @JsonProperty("rejected_count") int rejectedCount,
    @JsonProperty("total_value_cents") long totalValueCents,
    @JsonProperty("previous_total_value_cents") @Nullable Long previousTotalValueCents,
    @JsonProperty("approved_by") @Nullable String approvedBy) {

  /**
   * Returns this summary as approved.
   *
   * @param approver who approved it
   * @return a copy with {@code approved_by} set
   */
  public CatalogSummary approvedBy(String approver) {
    return new CatalogSummary(
        executionName,
        productCount,
        rejectedCount,
        totalValueCents,
        previousTotalValueCents,
        approver);
  }
}
