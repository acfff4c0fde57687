package io.github.py2sfn.tasktools.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.InvocationDeadlineInterceptor;
import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.execution.ExecutionAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.MissingTableNameException;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.task.TaskAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.task.TaskHandlerRegistrar;
import io.github.py2sfn.tasktools.execution.ExecutionStopper;
import io.github.py2sfn.tasktools.execution.SfnExecutionStopper;
import io.github.py2sfn.tasktools.execution.StopExecutionResult;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataConfigurationException;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Every branch of the auto-configuration, without any AWS call. */
class Py2sfnAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      withoutTable()
          .withPropertyValues("py2sfn.table-name=state-table", "py2sfn.bucket=state-bucket");

  /** Every auto-configuration, with a region so that clients build, and no table name. */
  private static ApplicationContextRunner withoutTable() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                AwsClientsAutoConfiguration.class,
                StateDataAutoConfiguration.class,
                ExecutionAutoConfiguration.class,
                TaskAutoConfiguration.class))
        .withPropertyValues("py2sfn.region=eu-west-1");
  }

  @Nested
  class Defaults {

    @Test
    void createsEveryBean() {
      runner.run(
          context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(DynamoDbClient.class);
            assertThat(context).hasSingleBean(S3Client.class);
            assertThat(context).hasSingleBean(SfnClient.class);
            assertThat(context).hasSingleBean(StateDataClient.class);
            assertThat(context).hasSingleBean(ExecutionStopper.class);
            assertThat(context).hasSingleBean(TaskContextFactory.class);
            StateDataClient stateData = context.getBean(StateDataClient.class);
            // The configured table, and no namespace: each task's context scopes it.
            assertThat(stateData.withNamespace("exec-1").resolve(ItemRef.local("k")))
                .isEqualTo(new ItemRef.Global("state-table", "exec-1:k", 0));
            assertThatThrownBy(() -> stateData.resolve(ItemRef.local("k")))
                .isInstanceOf(StateDataConfigurationException.class)
                .hasMessageContaining("needs a namespace");
          });
    }

    @Test
    void s3AndStepFunctionsClientsAreBuiltOnlyWhenFirstNeeded() {
      runner.run(
          context -> {
            // Cold start: a task that never offloads or stops builds neither client.
            assertThat(context.getBeanFactory().containsSingleton("s3Client")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("sfnClient")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("executionStopper")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("dynamoDbClient")).isTrue();

            context.getBean(ExecutionStopper.class);

            assertThat(context.getBeanFactory().containsSingleton("sfnClient")).isTrue();
          });
    }

    @Test
    void clientsUseTheConfiguredRegionEndpointAndUserAgent() {
      runner
          .withPropertyValues("py2sfn.endpoint=http://127.0.0.1:4566")
          .run(
              context -> {
                DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
                assertThat(dynamoDb.serviceClientConfiguration().region().id())
                    .isEqualTo("eu-west-1");
                assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4566"));
                assertThat(
                        dynamoDb
                            .serviceClientConfiguration()
                            .overrideConfiguration()
                            .advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
                    .contains("py2sfn-task-tools-java");
                assertThat(
                        context
                            .getBean(S3Client.class)
                            .serviceClientConfiguration()
                            .endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4566"));
              });
    }

    @Test
    void everyClientHasLambdaSizedTimeouts() {
      runner.run(
          context ->
              assertThat(
                      List.of(
                          context
                              .getBean(DynamoDbClient.class)
                              .serviceClientConfiguration()
                              .overrideConfiguration(),
                          context
                              .getBean(S3Client.class)
                              .serviceClientConfiguration()
                              .overrideConfiguration(),
                          context
                              .getBean(SfnClient.class)
                              .serviceClientConfiguration()
                              .overrideConfiguration()))
                  .allSatisfy(
                      configuration -> {
                        assertThat(configuration.apiCallAttemptTimeout())
                            .contains(Duration.ofSeconds(10));
                        assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(30));
                        // Calls made by a task end before its Lambda invocation's timeout.
                        assertThat(configuration.executionInterceptors())
                            .hasAtLeastOneElementOfType(InvocationDeadlineInterceptor.class);
                      }));
    }

    @Test
    void bindsEveryProperty() {
      runner
          .withPropertyValues(
              "py2sfn.ttl=3d",
              "py2sfn.offload-threshold=100KB",
              "py2sfn.max-concurrency=4",
              "py2sfn.allowed-global-tables=a-table,b-table",
              "py2sfn.account-id=123456789012",
              "py2sfn.stop.wait-for-aborted=false",
              "py2sfn.stop.poll-interval=500ms",
              "py2sfn.stop.timeout=30s",
              "py2sfn.aws.api-call-attempt-timeout=2s",
              "py2sfn.aws.api-call-timeout=5s",
              "py2sfn.aws.lambda-timeout-margin=1s",
              "py2sfn.s3.server-side-encryption=aws-kms",
              "py2sfn.s3.kms-key-id=alias/state",
              "py2sfn.s3.expected-bucket-owner=123456789012")
          .run(
              context -> {
                Py2sfnProperties properties = context.getBean(Py2sfnProperties.class);
                assertThat(properties.getTtl()).isEqualTo(Duration.ofDays(3));
                assertThat(properties.getOffloadThreshold().toBytes()).isEqualTo(100 * 1024);
                assertThat(properties.getMaxConcurrency()).isEqualTo(4);
                assertThat(properties.getAllowedGlobalTables())
                    .containsExactly("a-table", "b-table");
                assertThat(properties.getAccountId()).isEqualTo("123456789012");
                assertThat(properties.getStop().isWaitForAborted()).isFalse();
                assertThat(properties.getStop().getPollInterval())
                    .isEqualTo(Duration.ofMillis(500));
                assertThat(properties.getStop().getTimeout()).isEqualTo(Duration.ofSeconds(30));
                assertThat(properties.getAws().getApiCallAttemptTimeout())
                    .isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getAws().getApiCallTimeout())
                    .isEqualTo(Duration.ofSeconds(5));
                assertThat(properties.getAws().getLambdaTimeoutMargin())
                    .isEqualTo(Duration.ofSeconds(1));
                assertThat(
                        context
                            .getBean(DynamoDbClient.class)
                            .serviceClientConfiguration()
                            .overrideConfiguration()
                            .apiCallTimeout())
                    .contains(Duration.ofSeconds(5));
                assertThat(properties.getS3().getServerSideEncryption().toString())
                    .isEqualTo("aws:kms");
                assertThat(properties.getS3().getKmsKeyId()).isEqualTo("alias/state");
                assertThat(properties.getS3().getExpectedBucketOwner()).isEqualTo("123456789012");
              });
    }
  }

  @Nested
  class UserBeans {

    @Test
    void backOffForEveryBean() {
      runner
          .withUserConfiguration(UserBeansConfiguration.class)
          .run(
              context -> {
                assertThat(context.getBean(DynamoDbClient.class))
                    .isSameAs(UserBeansConfiguration.DYNAMODB);
                assertThat(context.getBean(S3Client.class)).isSameAs(UserBeansConfiguration.S3);
                assertThat(context.getBean(SfnClient.class)).isSameAs(UserBeansConfiguration.SFN);
                assertThat(context.getBean(ExecutionStopper.class))
                    .isSameAs(UserBeansConfiguration.STOPPER);
                assertThat(context).hasSingleBean(StateDataClient.class);
              });
    }

    @Test
    void userStateDataClientAndFactoryReplaceOurs() {
      StateDataClient own =
          StateDataClient.builder()
              .dynamoDbClient(UserBeansConfiguration.DYNAMODB)
              .tableName("own")
              .build();
      TaskContextFactory factory =
          new TaskContextFactory(
              own, () -> null, io.github.py2sfn.tasktools.task.AwsLocation.UNKNOWN);
      runner
          .withBean(StateDataClient.class, () -> own)
          .withBean(TaskContextFactory.class, () -> factory)
          .run(
              context -> {
                assertThat(context.getBean(StateDataClient.class)).isSameAs(own);
                assertThat(context.getBean(TaskContextFactory.class)).isSameAs(factory);
              });
    }

    @Test
    void customizersRunInOrder() {
      List<String> applied = new CopyOnWriteArrayList<>();
      runner
          .withBean("second", DynamoDbClientCustomizer.class, () -> new Ordered2(applied))
          .withBean("first", DynamoDbClientCustomizer.class, () -> new Ordered1(applied))
          .withBean(S3ClientCustomizer.class, () -> builder -> applied.add("s3"))
          .withBean(SfnClientCustomizer.class, () -> builder -> applied.add("sfn"))
          .run(
              context -> {
                context.getBean(DynamoDbClient.class);
                context.getBean(S3Client.class);
                context.getBean(SfnClient.class);
                assertThat(applied)
                    .containsSubsequence("dynamodb-1", "dynamodb-2")
                    .contains("s3", "sfn");
              });
    }

    @Test
    void aCustomizerReplacingTheOverrideConfigurationKeepsStandardRetriesTimeoutsAndTheUserAgent() {
      runner
          .withBean(
              DynamoDbClientCustomizer.class,
              () ->
                  builder ->
                      builder.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(9))))
          .run(
              context -> {
                var configuration =
                    context
                        .getBean(DynamoDbClient.class)
                        .serviceClientConfiguration()
                        .overrideConfiguration();
                assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(9));
                assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(10));
                assertThat(configuration.retryStrategy())
                    .containsInstanceOf(StandardRetryStrategy.class);
                assertThat(configuration.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(9);
                assertThat(configuration.advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
                    .contains("py2sfn-task-tools-java");
              });
    }

    @Test
    void aCustomizersOwnRetryStrategyIsKept() {
      runner
          .withBean(
              DynamoDbClientCustomizer.class,
              () ->
                  builder ->
                      builder.overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2)))
          .run(
              context ->
                  assertThat(
                          context
                              .getBean(DynamoDbClient.class)
                              .serviceClientConfiguration()
                              .overrideConfiguration()
                              .retryStrategy())
                      .containsInstanceOf(AdaptiveRetryStrategy.class));
    }
  }

  @Order(1)
  record Ordered1(List<String> applied) implements DynamoDbClientCustomizer {
    @Override
    public void customize(software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder) {
      applied.add("dynamodb-1");
    }
  }

  @Order(2)
  record Ordered2(List<String> applied) implements DynamoDbClientCustomizer {
    @Override
    public void customize(software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder) {
      applied.add("dynamodb-2");
    }
  }

  @Nested
  class Conditions {

    @Test
    void missingTableNameFailsStartUpWithAReadableAnalysis() {
      withoutTable()
          .run(
              context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(MissingTableNameException.class);
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("no table is configured");
                assertThat(analysis.getAction())
                    .contains("table-name: my-project-state-data")
                    .contains("PY2SFN_TABLE_NAME")
                    .contains("py2sfn.state-data.enabled=false");
              });
    }

    @Test
    void stateDataCanBeTurnedOff() {
      withoutTable()
          .withPropertyValues("py2sfn.state-data.enabled=false")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(StateDataClient.class);
                assertThat(context).hasSingleBean(ExecutionStopper.class);
                assertThat(context).hasSingleBean(TaskContextFactory.class);
              });
    }

    @Test
    void withoutTheLibraryNothingIsConfigured() {
      runner
          .withClassLoader(
              new FilteredClassLoader(
                  StateDataClient.class, SfnExecutionStopper.class, TaskContextFactory.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(DynamoDbClient.class);
                assertThat(context).doesNotHaveBean(ExecutionStopper.class);
                assertThat(context).doesNotHaveBean(TaskContextFactory.class);
              });
    }

    @Test
    void withoutSpringCloudFunctionNoTaskHandlersAreRegistered() {
      runner
          .withClassLoader(new FilteredClassLoader(FunctionRegistry.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(TaskHandlerRegistrar.class);
                assertThat(context).hasSingleBean(TaskContextFactory.class);
              });
    }

    @Test
    void withSpringCloudFunctionTaskHandlersBecomeFunctions() {
      runner
          .withConfiguration(
              AutoConfigurations.of(
                  JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class))
          .withUserConfiguration(TypedTaskConfiguration.class)
          .run(
              context -> {
                assertThat(context).hasSingleBean(TaskHandlerRegistrar.class);
                FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
                assertThat((Object) catalog.lookup("typedTask")).isNotNull();
              });
    }

    @Test
    void aTaskHandlerWithoutDeclaredTypesFailsStartUpNamingTheBean() {
      runner
          .withConfiguration(
              AutoConfigurations.of(
                  JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class))
          .withBean("untyped", TaskHandler.class, () -> (input, context) -> input)
          .run(
              context ->
                  assertThat(context.getStartupFailure())
                      .hasMessageContaining(
                          "Cannot resolve the input type of TaskHandler bean 'untyped'"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TypedTaskConfiguration {
    @Bean
    TaskHandler<Map<String, Object>, StopExecutionResult> typedTask() {
      return (input, context) -> context.stopExecution();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeansConfiguration {
    static final DynamoDbClient DYNAMODB =
        DynamoDbClient.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1).build();
    static final S3Client S3 =
        S3Client.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1).build();
    static final SfnClient SFN =
        SfnClient.builder().region(software.amazon.awssdk.regions.Region.EU_WEST_1).build();
    static final ExecutionStopper STOPPER =
        (arn, error, cause) -> new StopExecutionResult(arn, "ABORTED", error, cause, true);

    @Bean
    DynamoDbClient userDynamoDb() {
      return DYNAMODB;
    }

    @Bean
    S3Client userS3() {
      return S3;
    }

    @Bean
    SfnClient userSfn() {
      return SFN;
    }

    @Bean
    ExecutionStopper userStopper() {
      return STOPPER;
    }
  }

  private static FailureAnalysis analyze(Throwable failure) {
    for (FailureAnalyzer analyzer :
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, name, unusable) -> {})) {
      FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null && analysis.getCause() instanceof MissingTableNameException) {
        return analysis;
      }
    }
    throw new AssertionError("No failure analyzer handled " + failure);
  }
}
