package io.github.panicwatch.core.scrub;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes, starting
 * with 2 to 6 (the issuers of Visa, Mastercard, Amex, Discover, JCB, UnionPay, Maestro), and
 * passing the Luhn check. The checksum leaves nine in ten order ids alone; the first digit keeps
 * epoch milliseconds ({@code 1714566645123}) out. A run of digits longer than 19, or joined to a
 * letter, a dot or another digit group, is no card: versions, UUIDs and decimals stay.
 */
final class CardNumberFinder implements ValueFinder {
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;

  @Override
  public void find(String text, Spans spans, int rule) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isDigit(c) || isJoined(text, i - 1, -1)) {
        i++;
        continue;
      }
      // read digits and single separators between digits; each char is read once
      int start = i;
      int digits = 0;
      int end = i;
      int k = i;
      while (k < n) {
        char d = text.charAt(k);
        if (isDigit(d)) {
          digits++;
          end = k + 1;
          k++;
        } else if ((d == ' ' || d == '-') && k + 1 < n && isDigit(text.charAt(k + 1))) {
          k++;
        } else {
          break;
        }
      }
      if (digits >= MIN_DIGITS
          && digits <= MAX_DIGITS
          && text.charAt(start) >= '2'
          && text.charAt(start) <= '6'
          && !isJoined(text, end, 1)
          && luhn(text, start, end)) {
        spans.add(start, end, rule);
      }
      i = Math.max(k, i + 1);
    }
  }

  /** The Luhn checksum over the digits of text[start, end), separators skipped. */
  static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean twice = false;
    for (int k = end - 1; k >= start; k--) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether the char at {@code at} makes the digits beside it part of something else: a word, or
   * a decimal, version, path or time ({@code . - / :} with a letter or digit beyond it).
   */
  private static boolean isJoined(String text, int at, int away) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    if (Character.isLetterOrDigit(c) || c == '_') {
      return true;
    }
    int beyond = at + away;
    return (c == '.' || c == '-' || c == '/' || c == ':')
        && beyond >= 0
        && beyond < text.length()
        && Character.isLetterOrDigit(text.charAt(beyond));
  }
}
