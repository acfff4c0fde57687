package io.github.py2sfn.tasktools.task;

import org.jspecify.annotations.Nullable;

/**
 * A Step Functions task that receives the {@link TaskContext} of its execution next to its input.
 * Declare it as a bean and the auto-configuration registers it with Spring Cloud Function under the
 * bean name, so the AWS adapter's {@code FunctionInvoker} runs it like any function (select it with
 * {@code spring.cloud.function.definition}):
 *
 * <pre>{@code
 * @Bean
 * TaskHandler<Order, Receipt> charge() {
 *   return (order, context) -> {
 *     if (!order.enabled()) {
 *       context.stopExecution("OrderDisabled", "Order " + order.id() + " is disabled");
 *       return Receipt.none();
 *     }
 *     ItemsPointer lines = context.stateData().putAll(ListRef.local("lines"), order.lines());
 *     return new Receipt(order.id(), lines);
 *   };
 * }
 * }</pre>
 *
 * <p>The input is converted from the event's state input with the application's JSON mapper:
 * records, POJOs, maps, lists and JSON trees all work. The input and output types must be declared
 * (as in the bean method's return type above) so they can be resolved. Exceptions propagate
 * unchanged, so Step Functions {@code Retry} and {@code Catch} see their class names.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface TaskHandler<I, O> {

  /**
   * Runs the task.
   *
   * @param input the state input, converted to the declared type
   * @param context the execution this invocation belongs to
   * @return the task's result, returned to Step Functions as JSON
   * @throws Exception any failure, reported to Step Functions under its class name
   */
  @Nullable O handle(I input, TaskContext context) throws Exception;
}
