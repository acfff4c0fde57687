package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps against the Amazon States Language specification ("Timestamps": "the RFC3339 profile
 * of ISO 8601, with the further restrictions that an uppercase "T" character MUST be used to
 * separate date and time, and an uppercase "Z" character MUST be present in the absence of a
 * numeric time zone offset"; the same rule on
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html) and the context object's
 * timestamps against
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html ({@code
 * "StartTime": "2019-03-26T20:14:13.192Z"}).
 */
class TimestampsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2016-03-14T01:59:00Z, 2016-03-14T01:59:00Z",
    "2016-03-14T01:59:00.123Z, 2016-03-14T01:59:00.123Z",
    "2016-03-14T01:59:00.123456789Z, 2016-03-14T01:59:00.123456789Z",
    // A numeric offset names the same instant as its UTC time.
    "2016-03-14T02:59:00+01:00, 2016-03-14T01:59:00Z",
    "2016-03-13T20:29:00-05:30, 2016-03-14T01:59:00Z",
    "2016-03-14T01:59:00.5+00:00, 2016-03-14T01:59:00.500Z",
  })
  void aTimestampOfTheProfileNamesItsInstant(String text, String instant) {
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // An uppercase Z, not a lowercase one.
        "2016-03-14T01:59:00z",
        // An uppercase T, not a lowercase one or a space.
        "2016-03-14t01:59:00Z",
        "2016-03-14 01:59:00Z",
        // RFC 3339's partial-time has seconds.
        "2016-03-14T01:59Z",
        // A zone is required.
        "2016-03-14T01:59:00",
        // A date alone, a number, names that are no time.
        "2016-03-14",
        "1457920740",
        "2016-13-14T01:59:00Z",
        "2016-03-14T25:59:00Z",
        "yesterday",
        ""
      })
  void anythingElseIsNoTimestamp(String text) {
    assertThat(Timestamps.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
    "2019-03-26T20:14:13.192Z, 2019-03-26T20:14:13.192Z",
    // Milliseconds are written also when they are zero.
    "2019-03-26T20:14:13Z, 2019-03-26T20:14:13.000Z",
    "2019-03-26T00:00:00Z, 2019-03-26T00:00:00.000Z",
    "2019-03-26T20:14:13.100Z, 2019-03-26T20:14:13.100Z",
    // Finer fractions are cut to milliseconds.
    "2019-03-26T20:14:13.192999Z, 2019-03-26T20:14:13.192Z",
  })
  void contextTimestampsAreUtcWithMilliseconds(String instant, String expected) {
    assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(expected);
  }
}
