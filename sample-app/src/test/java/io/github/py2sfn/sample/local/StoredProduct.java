package io.github.py2sfn.sample.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One product of an execution's catalog as stored after pricing.
 *
 * @param index its index in the list ({@code sort_key})
 * @param offloaded whether its JSON is in S3 ({@code s3_key}) rather than in the item
 * @param priced the stored {@code PricedProduct} JSON: the product, its price or its rejection
 */
public record StoredProduct(int index, boolean offloaded, JsonNode priced) {

  /** Whether the Map's {@code Catch} rejected it. */
  public boolean rejected() {
    return !priced.get("rejection").isNull();
  }

  /** Shows the description by its length only: an assertion message would hold 400 KB of it. */
  @Override
  public String toString() {
    JsonNode shown = priced.deepCopy();
    if (shown.get("product") instanceof ObjectNode product && product.has("description")) {
      product.put("description", "<" + product.get("description").asString().length() + " chars>");
    }
    return "StoredProduct[index=" + index + ", offloaded=" + offloaded + ", priced=" + shown + "]";
  }
}
