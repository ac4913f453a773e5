package io.github.panicwatch.core.scrub;

/**
 * US social security numbers, Sentry's {@code @usssn}: {@code 123-45-6789}, three digits, two,
 * four, joined by dashes, standing alone. Better than Relay's pattern, numbers the Social
 * Security Administration never issues stay: area {@code 000}, {@code 666} and {@code 900} to
 * {@code 999}, group {@code 00}, serial {@code 0000}. Digits joined to letters or to further digit
 * groups ({@code 1-123-45-6789}, {@code 123-45-6789-1}, dates, versions) are no SSN. Each dash is
 * looked at once.
 */
final class SsnFinder implements ValueFinder {

  @Override
  public void find(String text, Spans spans, int rule) {
    int n = text.length();
    for (int dash = text.indexOf('-', 3); dash >= 0 && dash + 8 <= n; dash = text.indexOf('-', dash + 1)) {
      int start = dash - 3;
      int end = dash + 8;
      if (digits(text, start, 3)
          && digits(text, dash + 1, 2)
          && text.charAt(dash + 3) == '-'
          && digits(text, dash + 4, 4)
          && !CardNumberFinder.isJoined(text, start - 1, -1)
          && !CardNumberFinder.isJoined(text, end, 1)
          && isIssuable(text, start)) {
        spans.add(start, end, rule);
      }
    }
  }

  private static boolean digits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Not an area, group or serial the SSA never issues. */
  private static boolean isIssuable(String text, int start) {
    int area = Integer.parseInt(text, start, start + 3, 10);
    return area != 0
        && area != 666
        && area < 900
        && !text.startsWith("00", start + 4)
        && !text.startsWith("0000", start + 7);
  }
}
