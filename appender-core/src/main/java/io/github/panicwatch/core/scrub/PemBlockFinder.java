package io.github.panicwatch.core.scrub;

/**
 * PEM private-key blocks over any number of lines, also with their line breaks escaped inside a
 * JSON string: everything between {@code -----BEGIN ... PRIVATE KEY-----} and the matching
 * {@code -----END ...-----} goes, the two marker lines stay. A block without its end line is cut
 * to the end of the text (failing closed). Public keys and certificates stay.
 */
final class PemBlockFinder implements ValueFinder {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 64;

  @Override
  public void find(String text, Spans spans, int rule) {
    int begin = text.indexOf(BEGIN);
    while (begin >= 0) {
      int labelStart = begin + BEGIN.length();
      int labelEnd = text.indexOf(DASHES, labelStart);
      if (labelEnd < 0) {
        return;
      }
      if (labelEnd - labelStart <= MAX_LABEL
          && text.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
        int bodyStart = labelEnd + DASHES.length();
        int bodyEnd = text.indexOf("-----END ", bodyStart);
        if (bodyEnd < 0) {
          spans.add(bodyStart, text.length(), rule);
          return;
        }
        spans.add(bodyStart, bodyEnd, rule);
        begin = text.indexOf(BEGIN, bodyEnd);
      } else {
        begin = text.indexOf(BEGIN, labelEnd);
      }
    }
  }
}
