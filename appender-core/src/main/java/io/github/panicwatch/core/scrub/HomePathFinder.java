package io.github.panicwatch.core.scrub;

/**
 * The user name in a path of a home directory: {@code /home/alice/app.log} becomes {@code
 * /home/[Filtered]/app.log}; {@code /Users/alice/} and {@code C:\Users\alice\} likewise. The
 * rest of the path stays, since it says which file failed.
 */
final class HomePathFinder implements ValueFinder {
  private static final String[] PREFIXES = {"/home/", "/Users/", "\\Users\\"};

  @Override
  public void find(String text, Spans spans, int rule) {
    for (String prefix : PREFIXES) {
      int at = text.indexOf(prefix);
      while (at >= 0) {
        int start = at + prefix.length();
        int end = start;
        while (end < text.length() && isNameChar(text.charAt(end))) {
          end++;
        }
        spans.add(start, end, rule);
        at = text.indexOf(prefix, end);
      }
    }
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '$';
  }
}
