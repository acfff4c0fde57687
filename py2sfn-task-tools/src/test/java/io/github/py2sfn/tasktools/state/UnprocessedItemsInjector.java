package io.github.py2sfn.tasktools.state;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Throttles chosen puts of TransactWriteItems calls, as DynamoDB does when it throttles items of a
 * transaction: the call is cancelled before anything is written ({@code
 * TransactionCanceledException} with a {@code ThrottlingError} reason for each held-back put,
 * {@code None} for the others). The call sent to the emulator is replaced by a condition check that
 * writes nothing.
 */
final class UnprocessedItemsInjector implements ExecutionInterceptor {

  private static final ExecutionAttribute<String> CANCELLATION =
      new ExecutionAttribute<>("cancellation");

  private static final int MAX_RANDOM_HOLDS_PER_INDEX = 2;

  private final Predicate<Integer> eligible;
  private final Random random;
  private final Map<Integer, AtomicInteger> holds = new ConcurrentHashMap<>();
  final AtomicInteger leftUnprocessed = new AtomicInteger();

  /**
   * @param eligible which indexes may be held back
   * @param random holds back a random half of the eligible ones, each at most twice so that retries
   *     converge; when null, holds back all eligible ones every time
   */
  UnprocessedItemsInjector(Predicate<Integer> eligible, Random random) {
    this.eligible = eligible;
    this.random = random;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!(context.request() instanceof TransactWriteItemsRequest request)) {
      return context.request();
    }
    List<String> reasons = new ArrayList<>();
    int held = 0;
    String table = null;
    for (TransactWriteItem write : request.transactItems()) {
      boolean hold = write.put() != null && shouldHold(write.put().item());
      if (write.put() != null) {
        table = write.put().tableName();
      }
      reasons.add(
          hold ? "{\"Code\":\"ThrottlingError\",\"Message\":\"injected\"}" : "{\"Code\":\"None\"}");
      held += hold ? 1 : 0;
    }
    if (held == 0) {
      return request;
    }
    leftUnprocessed.addAndGet(held);
    attributes.putAttribute(
        CANCELLATION,
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
            + "\"Message\":\"Transaction cancelled (injected)\",\"CancellationReasons\":["
            + String.join(",", reasons)
            + "]}");
    String filler = table;
    return request.toBuilder()
        .transactItems(
            TransactWriteItem.builder()
                .conditionCheck(
                    check ->
                        check
                            .tableName(filler)
                            .key(
                                Map.of(
                                    "partition_key", AttributeValue.fromS("injector:filler"),
                                    "sort_key", AttributeValue.fromN("0")))
                            .conditionExpression("attribute_not_exists(#none)")
                            .expressionAttributeNames(Map.of("#none", "no_such_attribute")))
                .build())
        .build();
  }

  private boolean shouldHold(Map<String, AttributeValue> item) {
    int index = Integer.parseInt(item.get("sort_key").n());
    if (!item.get("partition_key").s().startsWith("exec-") || !eligible.test(index)) {
      return false;
    }
    if (random == null) {
      return true;
    }
    return random.nextBoolean()
        && holds.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet()
            <= MAX_RANDOM_HOLDS_PER_INDEX;
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    String cancellation = attributes.getAttribute(CANCELLATION);
    if (cancellation == null) {
      return context.httpResponse();
    }
    return context.httpResponse().toBuilder()
        .statusCode(400)
        .removeHeader("x-amz-crc32")
        .putHeader("x-amzn-ErrorType", "TransactionCanceledException")
        .putHeader(
            "Content-Length",
            Integer.toString(cancellation.getBytes(StandardCharsets.UTF_8).length))
        .build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    String cancellation = attributes.getAttribute(CANCELLATION);
    if (cancellation == null) {
      return context.responseBody();
    }
    return Optional.of(new ByteArrayInputStream(cancellation.getBytes(StandardCharsets.UTF_8)));
  }
}
