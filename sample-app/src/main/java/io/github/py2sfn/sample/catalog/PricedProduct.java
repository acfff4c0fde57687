package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A product after pricing: what each Map iteration writes back in place of its product.
 *
 * @param product the product
 * @param priceCents its final price, or {@code null} when rejected
 * @param rejection why it was rejected, or {@code null}
 */
public record PricedProduct(
    @JsonProperty("product") Product product,
    @JsonProperty("price_cents") @Nullable Long priceCents,
    @JsonProperty("rejection") @Nullable String rejection) {}
