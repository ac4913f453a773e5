package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.SentryLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The SDK's own messages on the status system: warnings and errors only, a few per minute (issue 20). */
class SdkStatusLoggerTest {
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final SdkStatusLogger logger =
      new SdkStatusLogger(
          new StatusSink() {
            @Override
            public void info(String message) {
              said.add("INFO " + message);
            }

            @Override
            public void warn(String message, Throwable cause) {
              said.add("WARN " + message + (cause == null ? "" : " / " + cause.getMessage()));
            }

            @Override
            public void error(String message, Throwable cause) {
              said.add("ERROR " + message + (cause == null ? "" : " / " + cause.getMessage()));
            }
          });

  @Test
  void warningsAndErrorsAreRelayedFormattedAndDebugAndInfoAreNot() {
    logger.log(SentryLevel.DEBUG, "Envelope flushed");
    logger.log(SentryLevel.INFO, "Serializing object: %s", "x");
    logger.log(SentryLevel.WARNING, "Rate limit for %s active", "error");
    logger.log(SentryLevel.ERROR, "Request failed", new IllegalStateException("503"));
    assertThat(said).containsExactly(
        "WARN Sentry SDK: Rate limit for error active", "ERROR Sentry SDK: Request failed / 503");
  }

  @Test
  void aMessageThatDoesNotFormatIsRelayedAsItIs() {
    logger.log(SentryLevel.ERROR, "%d bytes", "not a number");
    assertThat(said).containsExactly("ERROR Sentry SDK: %d bytes");
  }

  @Test
  void aDeadSentryDoesNotFloodTheConsole() {
    for (int i = 0; i < 50; i++) {
      logger.log(SentryLevel.ERROR, "connection refused %s", i);
    }
    assertThat(said).containsExactly(
        "ERROR Sentry SDK: connection refused 0", "ERROR Sentry SDK: connection refused 1",
        "ERROR Sentry SDK: connection refused 2");
  }
}
