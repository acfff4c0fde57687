package io.github.py2sfn.tasktools.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.health.StateDataHealthContributorAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.health.StateDataHealthIndicator;
import io.github.py2sfn.tasktools.autoconfigure.metrics.MicrometerStateDataObserver;
import io.github.py2sfn.tasktools.autoconfigure.metrics.SdkRetryMetricsInterceptor;
import io.github.py2sfn.tasktools.autoconfigure.metrics.StateDataMetricsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.state.CompletedOperation;
import io.github.py2sfn.tasktools.state.ItemNotFoundException;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import io.github.py2sfn.tasktools.state.StateDataOperation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** The optional Micrometer and Actuator health auto-configurations, without any AWS call. */
class ObservabilityAutoConfigurationTest {

  /** A DynamoDB client that finds nothing: every GetItem returns no item. */
  static final DynamoDbClient EMPTY_TABLE =
      (DynamoDbClient)
          Proxy.newProxyInstance(
              ObservabilityAutoConfigurationTest.class.getClassLoader(),
              new Class<?>[] {DynamoDbClient.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getItem")) {
                  return GetItemResponse.builder().build();
                }
                if (method.getName().equals("close")) {
                  return null;
                }
                throw new AssertionError("unexpected AWS call " + method.getName());
              });

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AwsClientsAutoConfiguration.class,
                  StateDataAutoConfiguration.class,
                  StateDataMetricsAutoConfiguration.class,
                  StateDataHealthContributorAutoConfiguration.class))
          .withBean(DynamoDbClient.class, () -> EMPTY_TABLE)
          .withPropertyValues(
              "py2sfn.table-name=state-table",
              "py2sfn.bucket=state-bucket",
              "py2sfn.region=eu-west-1");

  @Nested
  class Metrics {

    @Test
    void withAMeterRegistryTheStateDataClientRecordsItsOperations() {
      runner
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .run(
              context -> {
                assertThat(context).hasSingleBean(MicrometerStateDataObserver.class);
                assertThat(context).hasSingleBean(SdkRetryMetricsInterceptor.class);
                StateDataClient stateData =
                    context.getBean(StateDataClient.class).withNamespace("exec-secret");

                assertThatThrownBy(() -> stateData.getItem("k", String.class))
                    .isInstanceOf(ItemNotFoundException.class);

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(
                        registry
                            .get("py2sfn.state.operations")
                            .tags(
                                "operation", "get_item",
                                "table", "state-table",
                                "outcome", "failure",
                                "exception", "ItemNotFoundException")
                            .timer()
                            .count())
                    .isEqualTo(1);
                assertThat(registry.getMeters())
                    .flatMap(meter -> meter.getId().getTags())
                    .extracting(Tag::getValue)
                    .noneMatch(value -> value.contains("exec-secret"));
              });
    }

    @Test
    void userObserversAreCalledToo() {
      List<CompletedOperation> heard = new CopyOnWriteArrayList<>();
      runner
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withBean(
              StateDataObserver.class,
              () ->
                  new StateDataObserver() {
                    @Override
                    public void operationCompleted(CompletedOperation operation) {
                      heard.add(operation);
                    }
                  })
          .run(
              context -> {
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(StateDataClient.class)
                                .withNamespace("e")
                                .getItem("k", String.class))
                    .isInstanceOf(ItemNotFoundException.class);
                assertThat(heard)
                    .singleElement()
                    .extracting(CompletedOperation::operation)
                    .isEqualTo(StateDataOperation.GET_ITEM);
                assertThat(
                        context
                            .getBean(MeterRegistry.class)
                            .find("py2sfn.state.operations")
                            .timer())
                    .isNotNull();
              });
    }

    @Test
    void withoutAMeterRegistryBeanThereAreNoMetrics() {
      runner.run(
          context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MicrometerStateDataObserver.class);
            assertThat(context).hasSingleBean(StateDataClient.class);
          });
    }

    @Test
    void withoutMicrometerThereAreNoMetrics() {
      runner
          .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(MicrometerStateDataObserver.class);
              });
    }

    @Test
    void aUserObserverOfTheSameTypeBacksOursOff() {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      MicrometerStateDataObserver own = new MicrometerStateDataObserver(registry);
      runner
          .withBean(MeterRegistry.class, () -> registry)
          .withBean(MicrometerStateDataObserver.class, () -> own)
          .run(
              context ->
                  assertThat(context.getBean(MicrometerStateDataObserver.class)).isSameAs(own));
    }

    @Test
    void recordsEveryMeterWithBoundedTags() {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      MicrometerStateDataObserver observer = new MicrometerStateDataObserver(registry);

      observer.operationCompleted(
          new CompletedOperation(
              StateDataOperation.PUT_ITEMS, "t-1", 30, 4_000, 2, Duration.ofMillis(40), null));
      observer.batchRetried("t-1", 1, 7);

      assertThat(
              registry
                  .get("py2sfn.state.operations")
                  .tags(
                      "operation",
                      "put_items",
                      "table",
                      "t-1",
                      "outcome",
                      "success",
                      "exception",
                      "none")
                  .timer()
                  .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
          .isEqualTo(40);
      assertThat(
              registry.get("py2sfn.state.items").tags("operation", "put_items").counter().count())
          .isEqualTo(30);
      assertThat(registry.get("py2sfn.state.bytes").summary().totalAmount()).isEqualTo(4_000);
      assertThat(registry.get("py2sfn.state.offloads").counter().count()).isEqualTo(2);
      assertThat(registry.get("py2sfn.state.batch.retries").tags("table", "t-1").counter().count())
          .isEqualTo(1);
    }
  }

  @Nested
  class Health {

    @Test
    void registersTheIndicatorForTheTableAndBucket() {
      runner.run(
          context -> {
            assertThat(context).hasSingleBean(StateDataHealthIndicator.class);
            assertThat(context).hasBean("py2sfnHealthIndicator");
          });
    }

    @Test
    void canBeTurnedOff() {
      runner
          .withPropertyValues("management.health.py2sfn.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(StateDataHealthIndicator.class));
    }

    @Test
    void withoutSpringBootHealthThereIsNoIndicator() {
      runner
          .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(StateDataHealthIndicator.class);
              });
    }

    @Test
    void withStateDataOffThereIsNoIndicator() {
      runner
          .withPropertyValues("py2sfn.state-data.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(StateDataHealthIndicator.class));
    }

    @Test
    void aUserIndicatorOfTheSameNameBacksOursOff() {
      HealthIndicator own = () -> org.springframework.boot.health.contributor.Health.up().build();
      runner
          .withBean("py2sfnHealthIndicator", HealthIndicator.class, () -> own)
          .run(
              context -> {
                assertThat(context).doesNotHaveBean(StateDataHealthIndicator.class);
                assertThat(context.getBean("py2sfnHealthIndicator")).isSameAs(own);
              });
    }
  }
}
