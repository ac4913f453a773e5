package io.github.panicwatch.watch.children;

/** Main dies of an uncaught exception whose message names a ticket, which a scrub rule hides. */
public final class ThrowWithTicket {
  public static void main(String[] args) {
    System.err.println("working on TICKET-1234");
    throw new IllegalStateException("gave up on TICKET-1234");
  }
}
