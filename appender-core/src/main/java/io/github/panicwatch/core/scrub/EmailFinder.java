package io.github.panicwatch.core.scrub;

/**
 * Email addresses: a local part of up to 64 chars ({@code A-Z a-z 0-9 . _ % + -}), {@code @}, and
 * a domain with a dot and a top-level part of letters. The whole address goes. Not an email:
 * {@code user@host} without a dot, and the {@code user:pass@host} of a URL (the user-info rule
 * handles that). Each {@code @} is looked at once, reading at most 64 chars back and 253 ahead.
 */
final class EmailFinder implements ValueFinder {
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

  @Override
  public void find(String text, Spans spans, int rule) {
    int at = text.indexOf('@');
    while (at >= 0) {
      int start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      int end = domainEnd(text, at + 1);
      if (start < at && end > at + 1 && !isUrlUserInfo(text, start)) {
        spans.add(start, end, rule);
      }
      at = text.indexOf('@', at + 1);
    }
  }

  /** The end of a domain with at least one dot and a letters-only last label, or -1. */
  private static int domainEnd(String text, int from) {
    int n = Math.min(text.length(), from + MAX_DOMAIN);
    int k = from;
    int lastDot = -1;
    while (k < n) {
      char c = text.charAt(k);
      if (c == '.' && k + 1 < n && isDomainChar(text.charAt(k + 1)) && k > from) {
        lastDot = k;
      } else if (!isDomainChar(c)) {
        break;
      }
      k++;
    }
    if (lastDot < 0 || k - lastDot - 1 < 2) {
      return -1;
    }
    for (int i = lastDot + 1; i < k; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return -1;
      }
    }
    return k;
  }

  /** Whether the local part starting here follows {@code scheme://user:}. */
  private static boolean isUrlUserInfo(String text, int localStart) {
    if (localStart == 0 || text.charAt(localStart - 1) != ':') {
      return false;
    }
    for (int k = localStart - 2; k >= 2 && localStart - k < 256; k--) {
      char c = text.charAt(k);
      if (c == '/' && text.charAt(k - 1) == '/' && text.charAt(k - 2) == ':') {
        return true;
      }
      if (Character.isWhitespace(c) || c == '@') {
        return false;
      }
    }
    return false;
  }

  private static boolean isLocalChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
}
