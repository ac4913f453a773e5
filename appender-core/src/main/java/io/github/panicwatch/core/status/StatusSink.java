package io.github.panicwatch.core.status;

/**
 * Where the core reports what a user should know: Logback's status manager, Log4j2's status logger,
 * the watcher's stderr. Implementations must not throw and must not log through the framework they
 * serve. The core hands every one of them lines of one form, {@code Panicwatch [NAME]: message}
 * ({@link #forAppender}), so a message reads the same whichever of the three prints it.
 */
public interface StatusSink {
  void info(String message);

  void warn(String message, Throwable cause);

  void error(String message, Throwable cause);

  /** This sink with every message prefixed {@code Panicwatch [name]: }, the one form of a status line. */
  default StatusSink forAppender(String name) {
    return new AppenderStatus(name, this);
  }

  /** Discards everything; for callers that have no status system. */
  StatusSink NONE =
      new StatusSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message, Throwable cause) {}

        @Override
        public void error(String message, Throwable cause) {}
      };
}
