package io.github.py2sfn.tasktools.autoconfigure.execution;

import io.github.py2sfn.tasktools.autoconfigure.Py2sfnProperties;
import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.execution.ExecutionStopper;
import io.github.py2sfn.tasktools.execution.SfnExecutionStopper;
import io.github.py2sfn.tasktools.execution.StopOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The {@link ExecutionStopper} on the Step Functions client, waiting as {@code py2sfn.stop.*} says.
 */
@AutoConfiguration(after = AwsClientsAutoConfiguration.class)
@ConditionalOnClass(SfnExecutionStopper.class)
@EnableConfigurationProperties(Py2sfnProperties.class)
public class ExecutionAutoConfiguration {

  // Lazy, like the Step Functions client it needs: built on the first stop.
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  @ConditionalOnBean(SfnClient.class)
  ExecutionStopper executionStopper(SfnClient sfn, Py2sfnProperties properties) {
    Py2sfnProperties.Stop stop = properties.getStop();
    return new SfnExecutionStopper(
        sfn, new StopOptions(stop.isWaitForAborted(), stop.getPollInterval(), stop.getTimeout()));
  }
}
