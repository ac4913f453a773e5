package io.github.panicwatch.core;

/**
 * Where the core reports what a user should know: Logback's status manager, Log4j2's status logger.
 * Implementations must not throw and must not log through the framework they serve.
 */
public interface StatusSink {
  void info(String message);

  void warn(String message, Throwable cause);

  void error(String message, Throwable cause);

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
