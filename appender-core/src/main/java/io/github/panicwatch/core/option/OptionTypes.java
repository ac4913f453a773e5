package io.github.panicwatch.core.option;

import java.math.BigInteger;
import java.util.Locale;

/** The value types that need nothing beyond the JDK: text, whole numbers in a range, booleans. */
public final class OptionTypes {
  private OptionTypes() {}

  /** Any text, taken as written (trimmed). */
  public static final OptionType<String> TEXT = text -> text;

  /**
   * {@code true} or {@code false}, any case; unlike {@link Boolean#parseBoolean} and Logback's and
   * Log4j2's converters, anything else is an error, never a silent {@code false}.
   */
  public static final OptionType<Boolean> BOOLEAN =
      text ->
          switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("use true or false");
          };

  /** A whole number from {@code min} to {@code max}, as an {@code int}. */
  public static OptionType<Integer> ints(int min, int max) {
    return text -> (int) wholeNumber(text, min, max);
  }

  /** A whole number from {@code min} to {@code max}, as a {@code long}. */
  public static OptionType<Long> longs(long min, long max) {
    return text -> wholeNumber(text, min, max);
  }

  /**
   * Parsed without bounds first, so {@code 2147483648} is out of range rather than "not an
   * integer", and no number wraps around.
   */
  private static long wholeNumber(String text, long min, long max) {
    BigInteger value;
    try {
      value = new BigInteger(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
    boolean bounded = max != Integer.MAX_VALUE && max != Long.MAX_VALUE;
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      throw new IllegalArgumentException(
          bounded ? "must be " + min + " to " + max
              : min == 0 ? "must not be negative" : min == 1 ? "must be positive" : "must be at least " + min);
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(bounded ? "must be " + min + " to " + max : "must be at most " + max);
    }
    return value.longValueExact();
  }
}
