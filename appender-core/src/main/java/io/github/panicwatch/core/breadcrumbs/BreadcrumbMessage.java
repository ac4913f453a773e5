package io.github.panicwatch.core.breadcrumbs;

import io.github.panicwatch.core.scrub.Scrubber;

/**
 * The cap on a breadcrumb's message, the same for every adapter: a slot's text buffer holds at most
 * this many characters, so a ring of slots takes a known amount of memory (issue 17: slots × cap),
 * and a panic's hundred breadcrumbs stay far below Sentry's size limits. A longer message is cut,
 * marked as the scrubber marks what it cuts. The cut comes before scrubbing (a slot holds at most the
 * cap), so it is made after the last whole word that fits: half a token is no longer a token the
 * scrubber knows, and its first half would go out as text. A word longer than the kept part goes
 * whole; the cut never splits a surrogate pair (no character that ends a word is one).
 */
final class BreadcrumbMessage {
  /** Characters of one breadcrumb's message at most, the mark included. */
  static final int MAX_LENGTH = 1024;

  /** Appended where a message was cut. */
  static final String CUT_MARK = Scrubber.TRUNCATION_MARK;

  private BreadcrumbMessage() {}

  /** The message itself when it fits, else its start and the mark, {@link #MAX_LENGTH} at most. */
  static String cut(String message) {
    if (message == null || message.length() <= MAX_LENGTH) {
      return message;
    }
    return message.substring(0, keptLength(message)) + CUT_MARK;
  }

  /** Cuts the text in place when it is longer than {@link #MAX_LENGTH}. */
  static void cut(StringBuilder text) {
    if (text.length() > MAX_LENGTH) {
      text.setLength(keptLength(text));
      text.append(CUT_MARK);
    }
  }

  /** Up to the last character that ends a word, within the cap: only whole words stay. */
  private static int keptLength(CharSequence text) {
    int kept = MAX_LENGTH - CUT_MARK.length();
    if (endsWord(text.charAt(kept))) {
      return kept; // the first character cut ends a word: the kept part ends with a whole one
    }
    while (kept > 0 && !endsWord(text.charAt(kept - 1))) {
      kept--;
    }
    return kept;
  }

  /** Characters found in no token, key, address or URL the scrubber matches: they end a word. */
  private static boolean endsWord(char c) {
    return Character.isWhitespace(c) || ",;\"'()[]{}<>|".indexOf(c) >= 0;
  }
}
