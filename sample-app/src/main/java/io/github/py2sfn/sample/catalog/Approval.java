package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The output {@code approvePricing} sends with SendTaskSuccess: the {@code AwaitApproval} state's
 * result.
 *
 * @param approvedBy the reviewer who approved
 */
public record Approval(@JsonProperty("approved_by") String approvedBy) {}
