package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.select.Severity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

class PanicAppenderConfigTest {
  @TempDir Path dir;

  private LogbackFixture configure(String variant) throws Exception {
    return new LogbackFixture(
        PanicAppenderConfigTest.class, variant, Map.of("outbox", dir.resolve("outbox.jsonl").toString()));
  }

  @Test
  void everyOptionInLogbackXmlIsBoundAndTheAppenderStarts() throws Exception {
    try (LogbackFixture logback = configure("full")) {
      PanicAppender appender = logback.appender();
      assertThat(logback.errors()).isEmpty();
      assertThat(appender.isStarted()).isTrue();
      PanicwatchOptions options = appender.getOptions();
      assertThat(options.dsn()).isEqualTo("http://key@127.0.0.1:9/42");
      assertThat(options.outboxFile()).isEqualTo(dir.resolve("outbox.jsonl").toFile());
      assertThat(options.release()).isEqualTo("2.4.1");
      assertThat(options.edition()).isEqualTo("enterprise");
      assertThat(options.tags()).containsExactly(Map.entry("service", "alpha"), Map.entry("role", "zero"));
      assertThat(options.maxBreadcrumbs()).isEqualTo(25);
      assertThat(options.minimumBreadcrumbLevel()).isEqualTo(Severity.WARN);
      assertThat(options.minimumEventLevel()).isEqualTo(Severity.ERROR);
      assertThat(options.panicMarkers()).containsExactly("CRASH", "FATAL");
      assertThat(options.captureUncaught()).isFalse();
      assertThat(options.flushTimeoutMillis()).isEqualTo(500);
      assertThat(options.eagerFormatting()).isTrue();
      assertThat(appender.panicwatch().environment()).isEqualTo("prod-enterprise");
      assertThat(logback.infos())
          .anyMatch(m -> m.startsWith("Panicwatch [PANIC]: reports panics to Sentry at 127.0.0.1:9 (project 42) and to the outbox "));
    }
  }

  @Test
  void badValuesAreStatusErrorsTheAppenderStaysStoppedAndTheApplicationKeepsLogging() throws Exception {
    try (LogbackFixture logback = configure("bad-values")) {
      assertThat(logback.appender().isStarted()).isFalse();
      assertThat(logback.errors())
          .contains(
              "Panicwatch [PANIC]: Invalid dsn [https://sentry.example.com/42]: it has no public key (http://KEY@host/PROJECT)",
              "Panicwatch [PANIC]: Invalid maxBreadcrumbs [-3]: must be 0 to 10000",
              "Panicwatch [PANIC]: Invalid minimumBreadcrumbLevel [INFOO]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF",
              "Panicwatch [PANIC]: Invalid minimumEventLevel [FATL]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF",
              "Panicwatch [PANIC]: Unwritable outbox [/nonexistent-dir/outbox.jsonl]: its directory does not exist",
              "Panicwatch [PANIC]: not started: fix the configuration errors above");
      // the rest of the configuration survived: other appenders still receive events
      org.slf4j.Logger log = logback.context.getLogger("app");
      log.info("still logging");
      log.error(MarkerFactory.getMarker("FATAL"), "and panicking");
      @SuppressWarnings("unchecked")
      ListAppender<ILoggingEvent> list =
          (ListAppender<ILoggingEvent>) logback.context.getLogger("ROOT").getAppender("LIST");
      assertThat(list.list).extracting(ILoggingEvent::getMessage).containsExactly("still logging", "and panicking");
    }
  }

  @Test
  void contextPropertyEnableSentryFalseLeavesTheAppenderInert() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    try (LogbackFixture logback = configure("disabled-by-context-property")) {
      PanicAppender appender = logback.appender();
      assertThat(appender.isStarted()).isTrue();
      assertThat(appender.panicwatch()).isNull();
      assertThat(logback.infos())
          .contains("Panicwatch [PANIC]: switched off (enableSentry=false from the context property enableSentry)");
      logback.context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "not reported");
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
      assertThat(Thread.getAllStackTraces().keySet())
          .noneMatch(thread -> thread.getName().startsWith("panicwatch"));
    }
    // the context is stopped, which flushes: a panic delivered on another thread would be written by now
    assertThat(dir.resolve("outbox.jsonl")).doesNotExist();
  }

  @Test
  void aPropertyWithoutContextScopeDoesNotReachTheAppender() throws Exception {
    try (LogbackFixture logback = configure("local-property-is-invisible")) {
      assertThat(logback.appender().panicwatch()).isNotNull();
    }
  }

  @Test
  void malformedEnableSentryIsAnErrorAndKeepsReportingOff() throws Exception {
    try (LogbackFixture logback = configure("malformed-enable")) {
      assertThat(logback.errors())
          .contains("Panicwatch [PANIC]: Invalid enableSentry [ture] from the appender's enableSentry setting: use true or false; Panicwatch stays off");
      assertThat(logback.appender().panicwatch()).isNull();
    }
  }

  @Test
  void uncaughtHandlerIsInstalledAtStartAndRestoredAtStop() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    PanicAppender appender = new PanicAppender();
    appender.setContext(new ch.qos.logback.classic.LoggerContext());
    appender.setName("PANIC");
    appender.setOutbox(dir.resolve("outbox.jsonl").toString());
    appender.start();
    try {
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotSameAs(before);
    } finally {
      appender.stop();
    }
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
  }

  @Test
  void scrubElementBindsKeysSwitchesAndReplacement() throws Exception {
    try (LogbackFixture logback = configure("scrub")) {
      assertThat(logback.errors()).isEmpty();
      var scrub = logback.appender().getOptions().scrub();
      assertThat(scrub.getKeys()).containsExactly("session_id", "pin");
      assertThat(scrub.isIpAddresses()).isFalse();
      assertThat(scrub.getReplacement()).isEqualTo("***");
      var scrubber = io.github.panicwatch.core.scrub.Scrubber.compile(scrub);
      assertThat(scrubber.scrub("session_id=abc from 10.0.0.1")).isEqualTo("session_id=*** from 10.0.0.1");
    }
  }

  @Test
  void aScrubPatternThatDoesNotCompileIsAnErrorAndNothingIsSent() throws Exception {
    try (LogbackFixture logback = configure("bad-scrub-pattern")) {
      assertThat(logback.appender().isStarted()).isFalse();
      assertThat(logback.errors())
          .anyMatch(m -> m.startsWith("Panicwatch [PANIC]: ") && m.contains("[pass(word]"))
          .contains("Panicwatch [PANIC]: not started: fix the configuration errors above");
      logback.context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "not sent");
    }
    assertThat(dir.resolve("outbox.jsonl")).as("after the stop's flush").doesNotExist();
  }
}
