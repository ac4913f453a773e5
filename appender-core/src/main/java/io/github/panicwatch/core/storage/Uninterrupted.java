package io.github.panicwatch.core.storage;

import java.io.IOException;

/**
 * Runs file I/O with the calling thread's interrupt flag cleared, and sets it again afterwards
 * (issue 12). A {@link java.nio.channels.FileChannel} closes itself at its first operation on an
 * interrupted thread, and Panicwatch writes on threads that may be: Logback's AsyncAppender drains
 * its queue into appenders on an interrupted worker at stop, and a stop that runs out of time
 * interrupts the delivery thread. An interrupt that arrives during the I/O still ends it, with a
 * {@link java.nio.channels.ClosedByInterruptException}; the callers keep what they were writing.
 */
final class Uninterrupted {
  interface Io<T> {
    T run() throws IOException;
  }

  private Uninterrupted() {}

  static <T> T run(Io<T> io) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return io.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
