package io.github.py2sfn.tasktools.autoconfigure.state;

import io.github.py2sfn.tasktools.autoconfigure.Py2sfnProperties;
import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataObserver;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's {@link StateDataClient}: the table, bucket and settings from {@code py2sfn.*},
 * the application's JSON mapper, every {@link StateDataObserver} bean (in order), and no namespace:
 * each task's context scopes it to its execution ({@code TaskContext.stateData()}). Its parallel
 * calls run with the Lambda invocation's deadline of the task that made them. Inject it directly
 * for global operations.
 */
@AutoConfiguration(
    after = AwsClientsAutoConfiguration.class,
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({StateDataClient.class, DynamoDbClient.class})
@ConditionalOnBooleanProperty(name = "py2sfn.state-data.enabled", matchIfMissing = true)
@EnableConfigurationProperties(Py2sfnProperties.class)
public class StateDataAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StateDataAutoConfiguration.class);

  /**
   * How long Step Functions can redrive an execution after it failed. A redriven execution keeps
   * its name, and so the partition keys of its local items.
   */
  static final Duration REDRIVE_PERIOD = Duration.ofDays(14);

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(DynamoDbClient.class)
  StateDataClient stateDataClient(
      Py2sfnProperties properties,
      DynamoDbClient dynamoDb,
      ObjectProvider<S3Client> s3,
      ObjectProvider<JsonMapper> jsonMapper,
      ObjectProvider<StateDataObserver> observers) {
    if (properties.getTableName() == null || properties.getTableName().isBlank()) {
      throw new MissingTableNameException();
    }
    warnIfShorterThanTheRedrivePeriod(properties.getTtl());
    StateDataClient.Builder builder =
        StateDataClient.builder()
            .dynamoDbClient(dynamoDb)
            // Built on the first offloaded item: many tasks never offload, and a client costs
            // cold-start time.
            .s3Client(s3::getIfAvailable)
            .tableName(properties.getTableName())
            .bucket(properties.getBucket())
            .ttl(properties.getTtl())
            .offloadThreshold(properties.getOffloadThreshold().toBytes())
            .maxConcurrency(properties.getMaxConcurrency())
            .allowedGlobalTables(properties.getAllowedGlobalTables())
            .serverSideEncryption(properties.getS3().getServerSideEncryption())
            .kmsKeyId(properties.getS3().getKmsKeyId())
            .expectedBucketOwner(properties.getS3().getExpectedBucketOwner())
            .observer(StateDataObserver.composite(observers.orderedStream().toList()));
    jsonMapper.ifAvailable(builder::jsonMapper);
    return builder.build();
  }

  /** Once, as the client is created at start-up: the TTL (7 days by default) may be on purpose. */
  private static void warnIfShorterThanTheRedrivePeriod(Duration ttl) {
    if (ttl.compareTo(REDRIVE_PERIOD) < 0) {
      log.warn(
          "py2sfn.ttl is {}, shorter than the {} days for which Step Functions can redrive a failed"
              + " execution: the items of an execution redriven after they expired are gone, and"
              + " its tasks fail to read them. If executions may be redriven, set py2sfn.ttl to at"
              + " least the state machine's longest run time plus {} days.",
          days(ttl),
          REDRIVE_PERIOD.toDays(),
          REDRIVE_PERIOD.toDays());
    }
  }

  /** Whole days as {@code 7d}, the way the property is usually written; anything else as ISO. */
  private static String days(Duration duration) {
    return duration.equals(Duration.ofDays(duration.toDays()))
        ? duration.toDays() + "d"
        : duration.toString();
  }
}
