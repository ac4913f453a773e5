package io.github.panicwatch.core.scrub;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes, starting
 * with 2 to 6 (the issuers of Visa, Mastercard, Amex, Discover, JCB, UnionPay, Maestro), and
 * passing the Luhn check. The checksum leaves nine in ten order ids alone; the first digit keeps
 * epoch milliseconds ({@code 1714566645123}) out. A run of digits longer than 19, or joined to a
 * letter, a dot or another digit group, is no card: versions, UUIDs and decimals stay; but cards
 * listed with single spaces between them are each found. A number
 * given as an id ({@code trace_id=…}, {@code "spanId": …}) is an id, not a card (decimal trace
 * ids stay), unless the key says card ({@code card_id}).
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
      if (isCard(text, start, end, digits)) {
        spans.add(start, end, rule);
      } else if (end - start > digits) {
        findInList(text, start, end, spans, rule); // groups, as in a list of cards
      }
      i = Math.max(k, i + 1);
    }
  }

  /**
   * Cards among the groups of a run that is no card as a whole: a list of cards ({@code
   * 4111111111111111 5555555555554444}), of grouped ones ({@code 4111 1111 1111 1111 5555 …}), a
   * card and its expiry ({@code 4111111111111111 12/26}). A card there is one group of 13 to 19
   * digits, or consecutive groups of four or more digits, 13 to 19 in all, standing alone (cards
   * joined by dashes are not split). Each group start looks at most 19 digits ahead.
   */
  private static void findInList(String text, int start, int end, Spans spans, int rule) {
    int group = start;
    while (group < end) {
      int best = -1;
      int digits = 0;
      int k = group;
      for (int groups = 0; k < end && digits <= MAX_DIGITS; groups++) {
        int groupEnd = k;
        while (groupEnd < end && isDigit(text.charAt(groupEnd))) {
          groupEnd++;
        }
        int size = groupEnd - k;
        if (size < 4 && groups > 0) {
          break;
        }
        digits += size;
        if (isCard(text, group, groupEnd, digits)) {
          best = groupEnd; // the longest card starting here
        }
        if (size < 4) {
          break;
        }
        k = groupEnd + 1;
      }
      if (best > 0) {
        spans.add(group, best, rule);
        group = best + 1;
      } else {
        int next = group;
        while (next < end && isDigit(text.charAt(next))) {
          next++;
        }
        group = next + 1;
      }
    }
  }

  /** Whether text[start, end), of {@code digits} digits and single separators, is a card standing alone. */
  private static boolean isCard(String text, int start, int end, int digits) {
    return digits >= MIN_DIGITS
        && digits <= MAX_DIGITS
        && text.charAt(start) >= '2'
        && text.charAt(start) <= '6'
        && !isJoined(text, start - 1, -1)
        && !isJoined(text, end, 1)
        && luhn(text, start, end)
        && !isNamedId(text, start);
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

  /**
   * Whether the digits at {@code start} are the value of a key that names an id: {@code id},
   * {@code trace_id}, {@code spanId}, {@code X-Request-ID}, then {@code =} or {@code :}, with
   * quotes and spaces around. {@code paid=} is no id key.
   */
  private static boolean isNamedId(String text, int start) {
    int k = start - 1;
    for (int skipped = 0; k >= 0 && skipped < 3 && isQuoteOrSpace(text.charAt(k)); skipped++) {
      k--;
    }
    if (k < 0 || (text.charAt(k) != '=' && text.charAt(k) != ':')) {
      return false;
    }
    k--;
    for (int skipped = 0; k >= 0 && skipped < 3 && isQuoteOrSpace(text.charAt(k)); skipped++) {
      k--;
    }
    if (k < 1 || (text.charAt(k) | 0x20) != 'd' || (text.charAt(k - 1) | 0x20) != 'i') {
      return false;
    }
    char i = text.charAt(k - 1);
    char before = k >= 2 ? text.charAt(k - 2) : ' ';
    boolean idWord = !Character.isLetterOrDigit(before) || (i == 'I' && Character.isLowerCase(before));
    return idWord && !namesCard(text, k - 1); // traceId: a camelCase step; card_id is a card
  }

  /** Whether the key ending before {@code end} says "card" ({@code card_id}, {@code cardId}). */
  private static boolean namesCard(String text, int end) {
    int start = end;
    while (start > 0 && end - start < 64 && KeyValueScanner.isKeyChar(text.charAt(start - 1))) {
      start--;
    }
    for (int k = start; k + 4 <= end; k++) {
      if (text.regionMatches(true, k, "card", 0, 4)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isQuoteOrSpace(char c) {
    return c == '"' || c == '\'' || c == ' ';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether the char at {@code at} makes the digits beside it part of something else: a word, or
   * a decimal, version, path or time ({@code . - / :} with a letter or digit beyond it).
   */
  static boolean isJoined(String text, int at, int away) {
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
