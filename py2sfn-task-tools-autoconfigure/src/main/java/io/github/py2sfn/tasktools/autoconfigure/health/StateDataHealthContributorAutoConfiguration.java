package io.github.py2sfn.tasktools.autoconfigure.health;

import io.github.py2sfn.tasktools.autoconfigure.Py2sfnProperties;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.state.StateDataClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code py2sfn} health indicator ({@link StateDataHealthIndicator}) for the table and bucket
 * of {@code py2sfn.*}. Active when Spring Boot's health support ({@code spring-boot-health},
 * brought by Actuator) is present and the {@code StateDataClient} is; off with {@code
 * management.health.py2sfn.enabled=false}.
 */
@AutoConfiguration(after = StateDataAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, StateDataClient.class})
@ConditionalOnBean({StateDataClient.class, DynamoDbClient.class})
@ConditionalOnEnabledHealthIndicator("py2sfn")
@EnableConfigurationProperties(Py2sfnProperties.class)
public class StateDataHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "py2sfnHealthIndicator")
  StateDataHealthIndicator py2sfnHealthIndicator(
      Py2sfnProperties properties,
      StateDataClient stateData,
      DynamoDbClient dynamoDb,
      ObjectProvider<S3Client> s3) {
    String tableName = properties.getTableName();
    if (tableName == null) {
      throw new IllegalStateException(
          "The py2sfn health indicator needs the state data table: set py2sfn.table-name, or"
              + " management.health.py2sfn.enabled=false");
    }
    return new StateDataHealthIndicator(
        dynamoDb,
        tableName,
        s3.getIfAvailable(),
        properties.getBucket(),
        properties.getS3().getExpectedBucketOwner());
  }
}
