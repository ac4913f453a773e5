package io.github.panicwatch.core.scrub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 addresses in any text. A port after an address stays (it names a service, not a
 * person); so do brackets around IPv6 and a zone after it is replaced with the address. Not
 * addresses: dotted runs of more than four numbers ({@code 1.2.3.4.5}, versions), times ({@code
 * 12:30:45}), MAC addresses, UUIDs, and {@code ::} between names ({@code std::vector}, {@code
 * foo::1}). An IPv6 address without a digit must have two full hextets in one letter case
 * ({@code dead::beef}), so {@code Feed::add} and {@code a::b} stay.
 */
final class IpAddressFinder implements ValueFinder {

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

  // Not after a word char or dot, not before another ".digit" or word char: "1.2.3.4.5" and
  // "v1.2.3.4" are versions. Every quantifier is bounded, so each start costs a constant.
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?\\w)");

  private static final String HEXTET = "[0-9a-f]{1,4}";

  // The usual alternation of the eight IPv6 shapes, plus those ending in IPv4 ({@code ::ffff:10.1.2.3}). Bounded
  // quantifiers only; the look-behind keeps "foo::bar", "12:30:45" and "a:a:a:..." runs from
  // starting mid-word.
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![\\w:])(?:"
              + String.join(
                      "|",
                      "(?:(?:H)?:){2,7}" + OCTET + "(?:\\." + OCTET + "){3}",
                      "(?:H:){7}H",
                      "(?:H:){1,7}:",
                      "(?:H:){1,6}:H",
                      "(?:H:){1,5}(?::H){1,2}",
                      "(?:H:){1,4}(?::H){1,3}",
                      "(?:H:){1,3}(?::H){1,4}",
                      "(?:H:){1,2}(?::H){1,5}",
                      "H:(?::H){1,6}",
                      ":(?::H){1,7}")
                  .replace("H", HEXTET)
              + ")(?:%[\\w.~-]++)?(?![\\w:.])",
          Pattern.CASE_INSENSITIVE);

  @Override
  public void find(String text, Spans spans, int rule) {
    if (!hasDigitOrColon(text)) {
      return;
    }
    // IPv4 first, so the v4 tail of "::ffff:10.1.2.3" is covered whole: the spans merge.
    if (text.indexOf('.') >= 0) {
      Matcher m = IPV4.matcher(text);
      while (m.find()) {
        spans.add(m.start(), m.end(), rule);
      }
    }
    if (text.indexOf(':') >= 0) {
      Matcher m = IPV6.matcher(text);
      while (m.find()) {
        if (isAddress(text, m.start(), m.end())) {
          spans.add(m.start(), m.end(), rule);
        }
      }
    }
  }

  /** A digit anywhere, or else two 4-char hextets and a single letter case. */
  private static boolean isAddress(String text, int start, int end) {
    boolean lower = false;
    boolean upper = false;
    int fullHextets = 0;
    int run = 0;
    for (int i = start; i < end && text.charAt(i) != '%'; i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        return true;
      }
      if (c == ':') {
        run = 0;
        continue;
      }
      lower |= Character.isLowerCase(c);
      upper |= Character.isUpperCase(c);
      if (++run == 4) {
        fullHextets++;
      }
    }
    return !(lower && upper) && fullHextets >= 2;
  }

  private static boolean hasDigitOrColon(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || c == ':') {
        return true;
      }
    }
    return false;
  }
}
