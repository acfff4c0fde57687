package io.github.py2sfn.tasktools.state;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** Retries with backoffs short enough for tests, for the fault tests that share them. */
final class FastRetries {

  /**
   * The standard strategy (which errors, how many attempts) with backoffs short enough for tests.
   */
  static final RetryStrategy FAST_STANDARD =
      AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .backoffStrategy(
              BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
          .throttlingBackoffStrategy(
              BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
          .build();

  /** Retries of unprocessed batch items with millisecond backoffs. */
  static final BatchRetry FAST_RETRY =
      new BatchRetry(6, Duration.ofMillis(1), Duration.ofMillis(10));

  private FastRetries() {}
}
