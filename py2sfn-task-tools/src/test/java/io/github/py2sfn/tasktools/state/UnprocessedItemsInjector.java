package io.github.py2sfn.tasktools.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Holds back put requests from BatchWriteItem calls before they are sent and reports them as {@code
 * UnprocessedItems}, as DynamoDB does when it throttles part of a batch.
 */
final class UnprocessedItemsInjector implements ExecutionInterceptor {

  private static final ExecutionAttribute<List<WriteRequest>> HELD_BACK =
      new ExecutionAttribute<>("heldBack");

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
    if (!(context.request() instanceof BatchWriteItemRequest request)) {
      return context.request();
    }
    String table = request.requestItems().keySet().iterator().next();
    List<WriteRequest> sent = new ArrayList<>();
    List<WriteRequest> heldBack = new ArrayList<>();
    for (WriteRequest write : request.requestItems().get(table)) {
      boolean hold = write.putRequest() != null && shouldHold(write.putRequest().item());
      (hold ? heldBack : sent).add(write);
    }
    if (sent.isEmpty()) {
      // DynamoDB rejects an empty batch: send a write to an unrelated partition key instead.
      sent.add(
          WriteRequest.builder()
              .putRequest(
                  p ->
                      p.item(
                          Map.of(
                              "partition_key", AttributeValue.fromS("injector:filler"),
                              "sort_key", AttributeValue.fromN("0"))))
              .build());
    }
    attributes.putAttribute(HELD_BACK, heldBack);
    leftUnprocessed.addAndGet(heldBack.size());
    return request.toBuilder().requestItems(Map.of(table, sent)).build();
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
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    List<WriteRequest> heldBack = attributes.getAttribute(HELD_BACK);
    if (!(context.response() instanceof BatchWriteItemResponse response)
        || heldBack == null
        || heldBack.isEmpty()) {
      return context.response();
    }
    String table =
        ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
    return response.toBuilder().unprocessedItems(Map.of(table, heldBack)).build();
  }
}
