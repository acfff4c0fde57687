package io.github.py2sfn.sample.catalog;

import io.github.py2sfn.tasktools.state.ItemNotFoundException;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks of the catalog-pricing workflow ({@code statemachine/catalog-pricing.asl.json}). Each
 * bean is one Lambda function; its name is the function definition.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogTasks {

  /** Where each run's summary is kept for the next run: a global key, shared by executions. */
  static final String LATEST_SUMMARY = "catalog-pricing:latest-summary";

  /** Products priced at or above this get the volume discount. */
  private static final long DISCOUNT_FROM_CENTS = 10_000;

  /**
   * Stops the execution when the feature flag in the input is off; otherwise passes the request on.
   *
   * @return the gate task
   */
  @Bean
  TaskHandler<PricingRequest, Object> checkFeatureFlag() {
    return (request, context) -> {
      if (!request.featureEnabled()) {
        return context.stopExecution(
            "FeatureDisabled", "Catalog pricing is switched off (feature_enabled is false)");
      }
      return request;
    };
  }

  /**
   * Loads the catalog and stores every product as its own state data item: the list is far larger
   * than a state's 256 KiB, and large descriptions go to S3.
   *
   * @return the load task
   */
  @Bean
  TaskHandler<PricingRequest, ItemsPointer> loadCatalog() {
    return (request, context) -> {
      List<Product> products = new ArrayList<>(request.productCount());
      for (int index = 0; index < request.productCount(); index++) {
        products.add(product(request, index));
      }
      return context.stateData().putAll(ListRef.local("products"), products);
    };
  }

  /**
   * Prices one product of the Map fan-out and writes the result back in its place.
   *
   * @return the Map iteration task
   */
  @Bean
  TaskHandler<MapIterationEvent, ItemPointer> priceProduct() {
    return (event, context) -> {
      Product product = context.stateData().get(ItemRef.of(event), Product.class);
      if (product.basePriceCents() < 0) {
        throw new InvalidProductException(
            "Product " + product.sku() + " has a negative base price");
      }
      long taxed = Math.round(product.basePriceCents() * 1.2);
      long price = taxed >= DISCOUNT_FROM_CENTS ? Math.round(taxed * 0.9) : taxed;
      return context.stateData().put(ItemRef.of(event), new PricedProduct(product, price, null));
    };
  }

  /**
   * Records a product whose pricing failed, as caught by the Map iterator.
   *
   * @return the rejection task
   */
  @Bean
  TaskHandler<Rejection, ItemPointer> rejectProduct() {
    return (rejection, context) -> {
      StateDataClient stateData = context.stateData();
      ItemRef element = ItemRef.of(rejection.event());
      Product product = stateData.get(element, Product.class);
      return stateData.put(element, new PricedProduct(product, null, rejection.error().error()));
    };
  }

  /**
   * Reads every priced product back and returns a small summary, compared with the previous run's
   * summary read across executions.
   *
   * @return the collect task
   */
  @Bean
  TaskHandler<ItemsPointer, CatalogSummary> summarize() {
    return (products, context) -> {
      StateDataClient stateData = context.stateData();
      int rejected = 0;
      long total = 0;
      List<PricedProduct> priced = stateData.getAll(ListRef.of(products), PricedProduct.class);
      for (PricedProduct product : priced) {
        if (product.priceCents() == null) {
          rejected++;
        } else {
          total += product.priceCents();
        }
      }
      ItemRef latestSummary = ItemRef.global(products.tableName(), LATEST_SUMMARY);
      CatalogSummary previous;
      try {
        previous = stateData.get(latestSummary, CatalogSummary.class);
      } catch (ItemNotFoundException firstRun) {
        previous = null;
      }
      CatalogSummary summary =
          new CatalogSummary(
              context.execution().requireExecutionName(),
              priced.size(),
              rejected,
              total,
              previous != null ? previous.totalValueCents() : null);
      stateData.put(latestSummary, summary);
      return summary;
    };
  }

  /** The catalog source, here generated: product {@code index} of the request's catalog. */
  static Product product(PricingRequest request, int index) {
    boolean large = request.largeEvery() > 0 && index % request.largeEvery() == 0;
    boolean invalid =
        request.invalidEvery() > 0 && index % request.invalidEvery() == request.invalidEvery() - 1;
    String description =
        large
            ? "Extensive specification sheet. ".repeat(request.largeDescriptionKb() * 1024 / 32)
            : "A fine product number " + index + ".";
    long basePrice = invalid ? -1 : 100 + (index * 37L) % 20_000;
    return new Product("SKU-%06d".formatted(index), "Product " + index, basePrice, description);
  }
}
