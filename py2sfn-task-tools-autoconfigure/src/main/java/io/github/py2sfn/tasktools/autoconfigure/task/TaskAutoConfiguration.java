package io.github.py2sfn.tasktools.autoconfigure.task;

import io.github.py2sfn.tasktools.autoconfigure.Py2sfnProperties;
import io.github.py2sfn.tasktools.autoconfigure.execution.ExecutionAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.execution.ExecutionStopper;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.task.AwsLocation;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link TaskContextFactory}, and the registration of {@code TaskHandler} beans as Spring Cloud
 * Functions so that they receive a {@code TaskContext}.
 */
@AutoConfiguration(
    after = {StateDataAutoConfiguration.class, ExecutionAutoConfiguration.class},
    afterName =
        "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration")
@ConditionalOnClass(TaskContextFactory.class)
@EnableConfigurationProperties(Py2sfnProperties.class)
public class TaskAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TaskContextFactory taskContextFactory(
      Py2sfnProperties properties,
      ObjectProvider<StateDataClient> stateData,
      ObjectProvider<ExecutionStopper> stopper) {
    // The stopper (and its Step Functions client) is resolved on the first stop: most tasks never
    // stop their execution, and building a client costs cold-start time.
    return new TaskContextFactory(
        stateData.getIfAvailable(),
        stopper::getIfAvailable,
        new AwsLocation(null, configuredRegion(properties), properties.getAccountId()),
        properties.getAws().getLambdaTimeoutMargin());
  }

  /** py2sfn.region, else the region Lambda sets (AWS_REGION), without building a client. */
  private static @Nullable String configuredRegion(Py2sfnProperties properties) {
    if (properties.getRegion() != null) {
      return properties.getRegion();
    }
    try {
      return new SystemSettingsRegionProvider().getRegion().id();
    } catch (SdkClientException notSet) {
      return null;
    }
  }

  /** Registers {@code TaskHandler} beans with Spring Cloud Function's AWS adapter. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({FunctionRegistry.class, AWSLambdaUtils.class})
  @ConditionalOnBean(FunctionRegistry.class)
  static class TaskHandlerRegistration {

    @Bean
    TaskHandlerRegistrar taskHandlerRegistrar(
        ConfigurableListableBeanFactory beanFactory,
        FunctionRegistry registry,
        ObjectProvider<org.springframework.cloud.function.json.JsonMapper> functionJsonMapper,
        ObjectProvider<JsonMapper> applicationJsonMapper,
        TaskContextFactory contexts) {
      // Convert task inputs with the mapper Spring Cloud Function uses, so tasks see the same
      // conversion.
      ObjectMapper mapper =
          functionJsonMapper.getIfAvailable() instanceof JacksonMapper jackson
              ? jackson.getObjectMapper()
              : applicationJsonMapper.getIfAvailable(JsonMapper::new);
      return new TaskHandlerRegistrar(beanFactory, registry, mapper, contexts);
    }
  }
}
