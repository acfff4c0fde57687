package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Timestamps as Step Functions reads and writes them: the ones a definition or its data holds
 * (Choice comparisons, Wait {@code Timestamp} and {@code TimestampPath}), and the ones of the
 * context object ({@code $$.Execution.StartTime}, {@code $$.State.EnteredTime}).
 */
final class Timestamps {

  /**
   * The States Language profile of RFC 3339: seconds are required (RFC 3339's partial-time), the
   * date and time are separated by an uppercase {@code T}, and a zone is an uppercase {@code Z} or
   * a numeric offset. {@link OffsetDateTime#parse} alone would also take a lowercase {@code t} or
   * {@code z} and a time without seconds.
   */
  private static final Pattern PROFILE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  /** Context-object timestamps always carry milliseconds, also when they are zero. */
  private static final DateTimeFormatter CONTEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** The instant a timestamp names, or null when the text is not one. */
  static @Nullable Instant parse(String text) {
    if (!PROFILE.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // Matches the shape but names no time, such as month 13.
      return null;
    }
  }

  /** A context-object timestamp: UTC, with milliseconds ({@code 2019-03-26T20:14:13.192Z}). */
  static String format(Instant instant) {
    return CONTEXT.format(instant);
  }
}
