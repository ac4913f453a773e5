package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.SentryLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The SDK's own messages on the status system: warnings and errors, a few per minute (issue 20); with debug its diagnostic lines too (issue 15). */
class SdkStatusLoggerTest {
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final StatusSink sink =
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
      };
  private final SdkStatusLogger logger = new SdkStatusLogger(sink, false);
  private final SdkStatusLogger debugLogger = new SdkStatusLogger(sink, true);

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

  /** Issue 15: {@code debug} is sentry-logback's way to see what the SDK does. */
  @Test
  void withDebugTheDiagnosticLinesAreInformationStatusLines() {
    debugLogger.log(SentryLevel.DEBUG, "Capturing event: %s", "1f2e");
    debugLogger.log(SentryLevel.INFO, "Envelope sent", new IllegalStateException("detail"));
    debugLogger.log(SentryLevel.WARNING, "Rate limit for %s active", "error");
    assertThat(said).containsExactly(
        "INFO Sentry SDK: Capturing event: 1f2e",
        "INFO Sentry SDK: Envelope sent (java.lang.IllegalStateException: detail)",
        "WARN Sentry SDK: Rate limit for error active");
    assertThat(debugLogger.isEnabled(SentryLevel.DEBUG)).isTrue();
    assertThat(logger.isEnabled(SentryLevel.DEBUG)).isFalse();
  }

  /** The SDK logs each event it serialises whole; Logback keeps its first status lines for good. */
  @Test
  void aLongDiagnosticLineIsCutAndSaysHowMuchWasLeftOut() {
    debugLogger.log(SentryLevel.DEBUG, "Serializing object: %s", "x".repeat(5_000));
    String prefix = "INFO Sentry SDK: Serializing object: ";
    assertThat(said).singleElement().asString()
        .hasSize("INFO ".length() + SdkStatusLogger.MAX_DEBUG_LINE + "…[3032 characters more]".length())
        .startsWith(prefix + "xxx")
        .endsWith("x…[3032 characters more]");
  }

  @Test
  void diagnosticLinesAreBoundedAndNeverCrowdOutAWarning() {
    for (int i = 0; i < SdkStatusLogger.DEBUG_PER_WINDOW + 50; i++) {
      debugLogger.log(SentryLevel.DEBUG, "line %s", i);
    }
    debugLogger.log(SentryLevel.ERROR, "Request failed");
    assertThat(said).hasSize(SdkStatusLogger.DEBUG_PER_WINDOW + 1).last().isEqualTo("ERROR Sentry SDK: Request failed");
  }
}
