package io.github.py2sfn.tasktools.localrunner.spring;

import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit entry point: in a Spring test ({@code @SpringBootTest}), resolves test method
 * parameters of type {@link LocalStateMachineRunner} annotated with {@link StateMachineDefinition},
 * and of type {@link LocalStateMachineRunner.Builder}, from the test's application context (see
 * {@link LocalStateMachines#forContext}).
 *
 * <pre>{@code
 * @SpringBootTest
 * @ExtendWith(LocalStateMachineExtension.class)
 * class OrderWorkflowTest {
 *   @Test
 *   void shipsOrders(@StateMachineDefinition("statemachine/order.asl.json") LocalStateMachineRunner orders) {
 *     assertThat(orders.run("{\"orderId\": 42}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
 *   }
 * }
 * }</pre>
 */
public final class LocalStateMachineExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalStateMachineRunner.Builder.class
        || (type == LocalStateMachineRunner.class
            && parameter.isAnnotated(StateMachineDefinition.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    LocalStateMachineRunner.Builder builder =
        LocalStateMachines.forContext(SpringExtension.getApplicationContext(extension));
    if (parameter.getParameter().getType() == LocalStateMachineRunner.Builder.class) {
      return builder;
    }
    StateMachineDefinition definition =
        parameter
            .findAnnotation(StateMachineDefinition.class)
            .orElseThrow(
                () -> new ParameterResolutionException("@StateMachineDefinition is missing"));
    return builder.definitionResource(definition.value()).skipWaits(definition.skipWaits()).build();
  }
}
