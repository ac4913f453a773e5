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
  static final Pattern IPV4 =
      Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?\\w)");

  private static final String HEXTET = "[0-9a-f]{1,4}";

  // The usual alternation of the eight IPv6 shapes, plus those ending in IPv4 ({@code ::ffff:10.1.2.3}). Bounded
  // quantifiers only; the look-behind keeps "foo::bar", "12:30:45" and "a:a:a:..." runs from
  // starting mid-word.
  static final Pattern IPV6 =
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
    // The regexes run only where a match can start, anchored there (lookingAt), so a text costs
    // a look near each dot and colon plus the regex at its few candidates, and the spans are
    // exactly those a find() over the whole text gives.
    // IPv4 first, so the v4 tail of "::ffff:10.1.2.3" is covered whole: the spans merge.
    // An IPv4 address has its first dot 1 to 3 chars after its start.
    find(text, spans, rule, '.', 3, IPV4);
    // An IPv6 address has a colon at its start or 1 to 4 hex digits after it.
    find(text, spans, rule, ':', 4, IPV6);
  }

  /** Each start within {@code reach} chars before a {@code mark} char, in order, tried once. */
  private static void find(
      String text, Spans spans, int rule, char mark, int reach, Pattern pattern) {
    int n = text.length();
    Matcher m = null;
    int resume = 0; // no match starts inside an earlier one, as with find()
    int checked = 0; // every start before this one was looked at
    for (int at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      for (int i = Math.max(Math.max(resume, checked), at - reach); i <= at; i++) {
        boolean candidate = pattern == IPV4 ? isIpv4Start(text, i) : isIpv6Start(text, i);
        if (candidate) {
          m = (m == null ? pattern.matcher(text).useTransparentBounds(true) : m).region(i, n);
          if (m.lookingAt()) {
            if (pattern == IPV4 || isAddress(text, m.start(), m.end())) {
              spans.add(m.start(), m.end(), rule);
            }
            resume = m.end();
            break;
          }
        }
      }
      checked = Math.max(checked, at + 1);
    }
  }

  /**
   * Whether an IPv4 match can start at {@code i}: a digit not after a word char or dot, starting
   * four groups of one to three digits joined by dots. Every match starts so; most text fails at
   * the first char, decimals and versions soon after.
   */
  private static boolean isIpv4Start(String text, int i) {
    if (!isDigit(text.charAt(i))
        || (i > 0 && (isWordChar(text.charAt(i - 1)) || text.charAt(i - 1) == '.'))) {
      return false;
    }
    int k = i;
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        if (k >= text.length() || text.charAt(k) != '.') {
          return false;
        }
        k++;
      }
      int digits = k;
      while (k < text.length() && k - digits < 3 && isDigit(text.charAt(k))) {
        k++;
      }
      if (k == digits) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an IPv6 match can start at {@code i}: a hex digit or colon not after a word char or
   * colon, beginning a run of hex digits and colons with at least two colons, as every shape of
   * address has. Only a run's first char is looked at further, so the text is read about once.
   */
  private static boolean isIpv6Start(String text, int i) {
    if (i > 0 && (isWordChar(text.charAt(i - 1)) || text.charAt(i - 1) == ':')) {
      return false;
    }
    int colons = 0;
    for (int k = i; k < text.length() && colons < 2; k++) {
      char c = text.charAt(k);
      if (c == ':') {
        colons++;
      } else if (!isDigit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
        return false;
      }
    }
    return colons == 2;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The regex {@code \w}: ASCII letters, digits and underscore. */
  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
  }

  /** A digit anywhere, or else two 4-char hextets and a single letter case. */
  static boolean isAddress(String text, int start, int end) {
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
}
