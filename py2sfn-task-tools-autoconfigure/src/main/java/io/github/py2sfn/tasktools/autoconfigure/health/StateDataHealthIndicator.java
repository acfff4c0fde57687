package io.github.py2sfn.tasktools.autoconfigure.health;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reports whether the state data table is usable (DynamoDB DescribeTable: {@code ACTIVE} or {@code
 * UPDATING}) and the bucket reachable (S3 HeadBucket, with the expected bucket owner when one is
 * configured). It runs only when the health endpoint is called, never during a task, and needs
 * {@code dynamodb:DescribeTable} and {@code s3:ListBucket}.
 */
public class StateDataHealthIndicator extends AbstractHealthIndicator {

  private static final Set<TableStatus> USABLE = Set.of(TableStatus.ACTIVE, TableStatus.UPDATING);

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final @Nullable S3Client s3;
  private final @Nullable String bucket;
  private final @Nullable String expectedBucketOwner;

  /**
   * Creates the indicator.
   *
   * @param dynamoDb the DynamoDB client
   * @param tableName the state data table
   * @param s3 the S3 client, {@code null} when there is none
   * @param bucket the offload bucket, {@code null} when none is configured (then not checked)
   * @param expectedBucketOwner the account expected to own the bucket, or {@code null}
   */
  public StateDataHealthIndicator(
      DynamoDbClient dynamoDb,
      String tableName,
      @Nullable S3Client s3,
      @Nullable String bucket,
      @Nullable String expectedBucketOwner) {
    super("py2sfn state data health check failed");
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedBucketOwner = expectedBucketOwner;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    TableStatus status =
        dynamoDb.describeTable(request -> request.tableName(tableName)).table().tableStatus();
    builder.withDetail("table", tableName).withDetail("tableStatus", String.valueOf(status));
    if (!USABLE.contains(status)) {
      builder.down();
      return;
    }
    if (bucket != null && s3 != null) {
      s3.headBucket(request -> request.bucket(bucket).expectedBucketOwner(expectedBucketOwner));
      builder.withDetail("bucket", bucket);
    }
    builder.up();
  }
}
