package io.github.panicwatch.core.scrub;

/**
 * Finds values that are secret by their shape, wherever they stand in a text (an IP address, a
 * card number, a token of a well-known form). Implementations are immutable, thread-safe, take
 * time linear in the length of the text, and allocate nothing when the text has no candidate.
 */
interface ValueFinder {

  /** Adds a span under {@code rule} for every secret value in the text. */
  void find(String text, Spans spans, int rule);
}
