package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A catalog product, as the catalog source delivers it.
 *
 * @param sku the product's id
 * @param name its display name
 * @param basePriceCents its price before tax and discounts; negative for a broken record
 * @param description its description, sometimes hundreds of kilobytes long
 */
public record Product(
    @JsonProperty("sku") String sku,
    @JsonProperty("name") String name,
    @JsonProperty("base_price_cents") long basePriceCents,
    @JsonProperty("description") String description) {}
