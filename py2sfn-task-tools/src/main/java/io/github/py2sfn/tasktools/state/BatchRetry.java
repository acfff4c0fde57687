package io.github.py2sfn.tasktools.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How the writes of {@code putAll} that DynamoDB's TransactWriteItems cancels for throttling or a
 * conflicting transaction are retried (the writes of the call that were not throttled are sent
 * again at once, as BatchWriteItem's {@code UnprocessedItems} would leave them written): up to
 * {@code maxAttempts} calls in all, waiting a random time up to {@code min(maxDelay, baseDelay *
 * 2^n)} before retry {@code n} (exponential backoff with full jitter). Errors of the call itself
 * are retried by the AWS SDK's retry strategy, not here.
 *
 * @param maxAttempts how many calls at most, at least 1
 * @param baseDelay the first backoff ceiling
 * @param maxDelay the largest backoff ceiling
 */
public record BatchRetry(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** The defaults: 10 attempts, 50 ms to 5 s. */
  public static final BatchRetry DEFAULT =
      new BatchRetry(10, Duration.ofMillis(50), Duration.ofSeconds(5));

  /** Validates the settings. */
  public BatchRetry {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "baseDelay must be >= 0 and maxDelay >= baseDelay, were " + baseDelay + ", " + maxDelay);
    }
  }

  /**
   * Returns the backoff ceiling before retry {@code retry} (1 for the first retry).
   *
   * @param retry the retry number, from 1
   * @return the ceiling of the random wait
   */
  public Duration ceiling(int retry) {
    long base = baseDelay.toMillis();
    int shift = Math.min(retry - 1, 30);
    long ceiling = base << shift;
    return ceiling < 0 || ceiling > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(ceiling);
  }
}
