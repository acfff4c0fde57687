package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The workflow's input.
 *
 * @param featureEnabled whether catalog pricing is switched on; when off the gate stops the run
 * @param productCount how many products the catalog has
 * @param largeEvery every how many products one has a large description (0 for none)
 * @param largeDescriptionKb the size of a large description, in KB (over 390 KB goes to S3)
 * @param invalidEvery every how many products one is invalid and gets rejected (0 for none)
 */
public record PricingRequest(
    @JsonProperty("feature_enabled") boolean featureEnabled,
    @JsonProperty("product_count") int productCount,
    @JsonProperty("large_every") int largeEvery,
    @JsonProperty("large_description_kb") int largeDescriptionKb,
    @JsonProperty("invalid_every") int invalidEvery) {}
