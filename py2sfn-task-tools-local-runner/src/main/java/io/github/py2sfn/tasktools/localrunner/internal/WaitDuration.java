package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.Instant;

/** How long a Wait state waits: exactly one of its four fields. */
sealed interface WaitDuration {

  /** {@code Seconds}: an integer from 0 to 99999999. */
  record Seconds(long seconds) implements WaitDuration {}

  /** {@code SecondsPath}: a non-negative integer in the effective input. */
  record SecondsPath(JsonPathExpression path) implements WaitDuration {}

  /** {@code Timestamp}, parsed when the definition is. */
  record Timestamp(Instant until) implements WaitDuration {}

  /** {@code Seconds} of a JSONata state: a literal or an expression yielding an integer. */
  record SecondsExpression(JsonataTemplate seconds) implements WaitDuration {}

  /** {@code Timestamp} of a JSONata state: a literal or an expression yielding a timestamp. */
  record TimestampExpression(JsonataTemplate timestamp) implements WaitDuration {}

  /** {@code TimestampPath}: an RFC 3339 timestamp in the effective input. */
  record TimestampPath(JsonPathExpression path) implements WaitDuration {}
}
