package io.github.py2sfn.tasktools.task;

import org.jspecify.annotations.Nullable;

/**
 * The partition, region and account an execution runs in: what turns an execution name into an
 * execution ARN when the event carries only names.
 *
 * @param partition the AWS partition, e.g. {@code aws}
 * @param region the region, e.g. {@code eu-west-1}
 * @param accountId the account id
 */
public record AwsLocation(
    @Nullable String partition, @Nullable String region, @Nullable String accountId) {

  /** Nothing known. */
  public static final AwsLocation UNKNOWN = new AwsLocation(null, null, null);

  /**
   * Reads the location from a Lambda function ARN ({@code
   * arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}).
   *
   * @param functionArn the invoked function's ARN
   * @return its location, or {@link #UNKNOWN} if it is not a function ARN
   */
  public static AwsLocation fromFunctionArn(@Nullable String functionArn) {
    if (functionArn == null) {
      return UNKNOWN;
    }
    String[] parts = functionArn.split(":", 7);
    if (parts.length < 7 || !"arn".equals(parts[0]) || !"lambda".equals(parts[2])) {
      return UNKNOWN;
    }
    return new AwsLocation(parts[1], parts[3], parts[4]);
  }

  /**
   * Fills what this location lacks from another.
   *
   * @param fallback the location to take missing parts from
   * @return the combined location
   */
  public AwsLocation orElse(AwsLocation fallback) {
    return new AwsLocation(
        partition != null ? partition : fallback.partition(),
        region != null ? region : fallback.region(),
        accountId != null ? accountId : fallback.accountId());
  }

  /**
   * Tells whether region and account are known (a missing partition means {@code aws}).
   *
   * @return whether an ARN can be built
   */
  public boolean isComplete() {
    return region != null && accountId != null;
  }
}
