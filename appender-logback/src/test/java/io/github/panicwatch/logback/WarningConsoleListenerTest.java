package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.BasicStatusManager;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.WarnStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WarningConsoleListenerTest {
  private final BasicStatusManager statusManager = new BasicStatusManager();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final Object appender = new Object();

  @Test
  void printsTheAppendersWarningsAndErrorsWhenNobodyListens() {
    assertThat(WarningConsoleListener.addIfUnheard(statusManager, appender, out, Status.WARN)).isNotNull();
    statusManager.add(new InfoStatus("started", appender));
    statusManager.add(new WarnStatus("Sentry SDK: connection refused", appender));
    statusManager.add(new ErrorStatus("outbox unwritable", appender, new java.io.IOException("disk full")));
    statusManager.add(new ErrorStatus("someone else's error", new Object()));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "panicwatch WARN: Sentry SDK: connection refused\n"
                + "panicwatch ERROR: outbox unwritable (java.io.IOException: disk full)\n");
  }

  /** Issue 15: sentry-logback's debug prints the SDK's diagnostic lines; so does the appender's. */
  @Test
  void withDebugPrintsTheAppendersInformationToo() {
    assertThat(WarningConsoleListener.addIfUnheard(statusManager, appender, out, Status.INFO)).isNotNull();
    statusManager.add(new InfoStatus("Sentry SDK: Capturing event: 1f2e", appender));
    statusManager.add(new WarnStatus("Sentry SDK: connection refused", appender));
    statusManager.add(new InfoStatus("someone else's line", new Object()));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("panicwatch INFO: Sentry SDK: Capturing event: 1f2e\npanicwatch WARN: Sentry SDK: connection refused\n");
  }

  @Test
  void staysOutOfTheWayWhenTheContextAlreadyHasAListener() {
    statusManager.add(new OnConsoleStatusListener());
    assertThat(WarningConsoleListener.addIfUnheard(statusManager, appender, out, Status.WARN)).isNull();
    statusManager.add(new ErrorStatus("error", appender));
    assertThat(printed.size()).isZero();
  }
}
