package io.github.panicwatch.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written the way Logback's {@code Duration} accepts them ({@code "1 hour"},
 * {@code "30 minutes"}, {@code "2.5 seconds"}, {@code "500 milliseconds"}, a bare number meaning
 * milliseconds), without depending on Logback: the core serves every adapter.
 */
public final class DurationText {
  private static final Pattern DURATION =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(|ms|milli(?:second)?|second|minute|hour|day)s?");

  private DurationText() {}

  /** The duration in milliseconds, or -1 when {@code text} is missing or not a duration. */
  public static long parseMillis(String text) {
    if (text == null) {
      return -1;
    }
    Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return -1;
    }
    double amount = Double.parseDouble(matcher.group(1));
    long unitMillis =
        switch (matcher.group(2)) {
          case "second" -> 1_000L;
          case "minute" -> 60_000L;
          case "hour" -> 3_600_000L;
          case "day" -> 86_400_000L;
          default -> 1L;
        };
    return Math.round(amount * unitMillis);
  }
}
