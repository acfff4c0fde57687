package io.github.py2sfn.sample.catalog;

import io.github.py2sfn.tasktools.callback.TaskCallbacks;
import io.github.py2sfn.tasktools.state.DistributedMapPointer;
import io.github.py2sfn.tasktools.state.ItemNotFoundException;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.ListRef;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.task.TaskContext;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks of the catalog-pricing workflows ({@code statemachine/catalog-pricing.asl.json}, its
 * JSONata twin, and {@code catalog-pricing-distributed.asl.json}), and the approver function that
 * answers their approval step. Each bean is one Lambda function; its name is the function
 * definition.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogTasks {

  /** Where each run's summary is kept for the next run: a global key, shared by executions. */
  static final String LATEST_SUMMARY = "catalog-pricing:latest-summary";

  /** The execution's local key under which {@code requestApproval} records its request. */
  public static final String APPROVAL_REQUEST = "approval-request";

  /** The error of the {@code AwaitApproval} state when the reviewer rejects the pricing. */
  public static final String PRICING_REJECTED = "PricingRejected";

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
   * Loads the catalog for the Distributed Map variant: streams every product into its own state
   * data item and writes the JSON Lines object the Map's {@code ItemReader} reads, one
   * Map-iteration event per product. The products are generated as they are written, so no list of
   * them is ever held, whatever the catalog's size.
   *
   * @return the load task of {@code catalog-pricing-distributed.asl.json}
   */
  @Bean
  TaskHandler<PricingRequest, DistributedMapPointer> loadCatalogForDistributedMap() {
    return (request, context) ->
        context
            .stateData()
            .putAllForDistributedMap(
                ListRef.local("products"),
                IntStream.range(0, request.productCount())
                    .mapToObj(index -> product(request, index))
                    .iterator());
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
   * Reads every priced product back through the list's pointer and returns a small summary, with
   * the total of the last published run, read across executions. It publishes nothing: {@link
   * #publishSummary} does, once the pricing is approved.
   *
   * @return the collect task
   */
  @Bean
  TaskHandler<ItemsPointer, CatalogSummary> summarize() {
    return (products, context) -> summary(context, ListRef.of(products));
  }

  /**
   * Reads every priced product back through the Distributed Map list's pointer, as {@link
   * #summarize} does through an inline Map list's pointer.
   *
   * @return the collect task of {@code catalog-pricing-distributed.asl.json}
   */
  @Bean
  TaskHandler<DistributedMapPointer, CatalogSummary> summarizeDistributedMap() {
    return (products, context) -> summary(context, ListRef.of(products));
  }

  /**
   * Requests approval of a summary before it is published: the task of a {@code .waitForTaskToken}
   * state, whose event carries the task token in {@code meta.sfn_task_token}. It records the
   * request with the token under the execution's local key {@value #APPROVAL_REQUEST}, where {@link
   * #approvePricing} finds it; in production it would also notify the reviewers (a mail, a ticket)
   * with the execution's name, never the token. Step Functions ignores its output and waits for the
   * token.
   *
   * @return the approval request task
   */
  @Bean
  TaskHandler<CatalogSummary, ItemPointer> requestApproval() {
    return (summary, context) ->
        context
            .stateData()
            .put(
                ItemRef.local(APPROVAL_REQUEST),
                new PendingApproval(summary, context.execution().requireTaskToken()));
  }

  /**
   * The approver: the function a review tool or an API calls (on AWS, a Lambda Invoke) with an
   * {@link ApprovalDecision}. It loads the execution's pending request and completes its waiting
   * {@code AwaitApproval} state through {@link TaskCallbacks}: a heartbeat while the reviewer works
   * on it, SendTaskSuccess with an {@link Approval}, or SendTaskFailure with error {@value
   * #PRICING_REJECTED}. It runs outside any execution, so it reads the request through {@code
   * withNamespace(execution name)}.
   *
   * @param stateData the application's state data client
   * @param callbacks the application's task callbacks
   * @return the approver function
   */
  @Bean
  Function<ApprovalDecision, CallbackSent> approvePricing(
      StateDataClient stateData, TaskCallbacks callbacks) {
    return decision -> {
      PendingApproval pending;
      try {
        pending =
            stateData
                .withNamespace(decision.executionName())
                .get(ItemRef.local(APPROVAL_REQUEST), PendingApproval.class);
      } catch (ItemNotFoundException notRequested) {
        throw new IllegalStateException(
            "Execution " + decision.executionName() + " has requested no approval", notRequested);
      }
      String callback =
          switch (decision.decision()) {
            case REVIEWING -> {
              callbacks.heartbeat(pending.taskToken());
              yield "SendTaskHeartbeat";
            }
            case APPROVED -> {
              callbacks.succeed(pending.taskToken(), new Approval(decision.reviewer()));
              yield "SendTaskSuccess";
            }
            case REJECTED -> {
              callbacks.fail(
                  pending.taskToken(),
                  PRICING_REJECTED,
                  "Rejected by "
                      + decision.reviewer()
                      + (decision.reason() == null ? "" : ": " + decision.reason()));
              yield "SendTaskFailure";
            }
          };
      return new CallbackSent(decision.executionName(), callback);
    };
  }

  /**
   * Publishes an approved summary: stores it under a global key, where the next run's {@code
   * summarize} reads it, and returns it with its approver as the workflow's output.
   *
   * @return the publish task
   */
  @Bean
  TaskHandler<ApprovedSummary, CatalogSummary> publishSummary() {
    return (approved, context) -> {
      CatalogSummary published = approved.summary().approvedBy(approved.approval().approvedBy());
      context.stateData().put(latestSummary(context.stateData()), published);
      return published;
    };
  }

  private static CatalogSummary summary(TaskContext context, ListRef products) {
    StateDataClient stateData = context.stateData();
    int rejected = 0;
    long total = 0;
    List<PricedProduct> priced = stateData.getAll(products, PricedProduct.class);
    for (PricedProduct product : priced) {
      if (product.priceCents() == null) {
        rejected++;
      } else {
        total += product.priceCents();
      }
    }
    CatalogSummary previous;
    try {
      previous = stateData.get(latestSummary(stateData), CatalogSummary.class);
    } catch (ItemNotFoundException firstRun) {
      previous = null;
    }
    return new CatalogSummary(
        context.execution().requireExecutionName(),
        priced.size(),
        rejected,
        total,
        previous != null ? previous.totalValueCents() : null,
        null);
  }

  /** The published summary: a global key of the default table, where the lists are stored too. */
  private static ItemRef latestSummary(StateDataClient stateData) {
    return ItemRef.global(
        stateData.resolve(ItemRef.local(LATEST_SUMMARY)).tableName(), LATEST_SUMMARY);
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
