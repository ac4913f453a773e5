package io.github.panicwatch.core.scrub;

/**
 * The password in a URL's user info, {@code scheme://user:secret@host}: the secret goes, the user
 * and host stay. By hand rather than by regex, so that each {@code ://} is read once, up to the
 * first char that cannot be in user info, and the search resumes there.
 */
final class UserInfoFinder implements ValueFinder {

  @Override
  public void find(String text, Spans spans, int rule) {
    int at = text.indexOf("://");
    int n = text.length();
    while (at >= 0) {
      int k = at + 3;
      int colon = -1;
      while (k < n && !endsUserInfo(text.charAt(k))) {
        if (text.charAt(k) == ':' && colon < 0) {
          colon = k;
        }
        k++;
      }
      if (k < n && text.charAt(k) == '@' && colon >= 0 && k > colon + 1) {
        spans.add(colon + 1, k, rule);
      }
      at = text.indexOf("://", Math.max(k, at + 3));
    }
  }

  private static boolean endsUserInfo(char c) {
    switch (c) {
      case '@', '/', '?', '#', '"', '\'', '<', '>', '\\', '[', ']', '{', '}', '|':
        return true;
      default:
        return Character.isWhitespace(c);
    }
  }
}
