package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The input of {@code publishSummary}: the summary and the approval that {@code AwaitApproval}
 * received.
 *
 * @param summary the summary to publish
 * @param approval the reviewer's approval
 */
public record ApprovedSummary(
    @JsonProperty("summary") CatalogSummary summary, @JsonProperty("approval") Approval approval) {}
