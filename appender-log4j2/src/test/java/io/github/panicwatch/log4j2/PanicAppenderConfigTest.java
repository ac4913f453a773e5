package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.core.select.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real log4j2.xml per case, loaded with Configurator; Log4j2's status logger heard through a listener. */
class PanicAppenderConfigTest {
  @TempDir Path dir;

  private Log4j2Fixture configure(String variant) throws Exception {
    return new Log4j2Fixture(PanicAppenderConfigTest.class, variant, dir);
  }

  @Test
  void everyOptionInLog4j2XmlIsBoundByTheLogbackNamesAndTheAppenderStarts() throws Exception {
    try (Log4j2Fixture log4j2 = configure("full")) {
      PanicAppender appender = log4j2.appender();
      assertThat(log4j2.messages(Level.ERROR)).isEmpty();
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
      assertThat(log4j2.messages(Level.INFO))
          .anyMatch(m -> m.startsWith("Panicwatch [PANIC]: reports panics to Sentry at 127.0.0.1:9 (project 42) and to the outbox "));
    }
  }

  @Test
  void attributesLeftOutKeepTheCoresDefaults() throws Exception {
    try (Log4j2Fixture log4j2 = configure("enable-from-system-property")) {
      PanicwatchOptions options = log4j2.appender().getOptions();
      PanicwatchOptions defaults = new PanicwatchOptions();
      assertThat(options.maxBreadcrumbs()).isEqualTo(defaults.maxBreadcrumbs());
      assertThat(options.minimumBreadcrumbLevel()).isEqualTo(defaults.minimumBreadcrumbLevel());
      assertThat(options.minimumEventLevel()).isNull();
      assertThat(options.panicMarkers()).isEqualTo(PanicwatchOptions.DEFAULT_PANIC_MARKERS);
      assertThat(options.edition()).isEqualTo(PanicwatchOptions.DEFAULT_EDITION);
      assertThat(options.flushTimeoutMillis()).isEqualTo(PanicwatchOptions.DEFAULT_FLUSH_TIMEOUT_MILLIS);
      assertThat(options.eagerFormatting()).isEqualTo(defaults.eagerFormatting());
      assertThat(options.scrub().getReplacement()).isEqualTo(ScrubOptions.DEFAULT_REPLACEMENT);
      assertThat(options.scrub().isIpAddresses()).isTrue();
    }
  }

  @Test
  void badValuesAreStatusErrorsThereIsNoAppenderAndTheApplicationKeepsLogging() throws Exception {
    try (Log4j2Fixture log4j2 = configure("bad-values")) {
      assertThat(log4j2.appender()).isNull();
      assertThat(log4j2.messages(Level.ERROR))
          .contains(
              "Panicwatch [PANIC]: Invalid dsn [https://sentry.example.com/42]: it has no public key (http://KEY@host/PROJECT)",
              "Panicwatch [PANIC]: Invalid maxBreadcrumbs [-3]: must be 0 to 10000",
              "Panicwatch [PANIC]: Invalid minimumBreadcrumbLevel [INFOO]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF",
              "Panicwatch [PANIC]: Invalid minimumEventLevel [FATL]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF",
              "Panicwatch [PANIC]: Unwritable outbox [/nonexistent-dir/outbox.jsonl]: its directory does not exist",
              "Panicwatch [PANIC]: not started: fix the configuration errors above");
      // the rest of the configuration survived: the other appender still receives events
      Logger log = log4j2.context.getLogger("app");
      log.info("still logging");
      log.fatal("and panicking");
      log4j2.context.stop();
      assertThat(Files.readAllLines(dir.resolve("app.log"))).containsExactly("still logging", "and panicking");
    }
  }

  @Test
  void enableSentryFalseLeavesAStartedInertAppender() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    try (Log4j2Fixture log4j2 = configure("disabled")) {
      PanicAppender appender = log4j2.appender();
      assertThat(appender.isStarted()).isTrue();
      assertThat(appender.panicwatch()).isNull();
      assertThat(log4j2.messages(Level.INFO))
          .contains("Panicwatch [PANIC]: switched off (enableSentry=false from the appender's enableSentry setting)");
      log4j2.context.getLogger("app").fatal("not reported");
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }
    // the context is stopped, which flushes: a panic delivered on another thread would be written by now
    assertThat(dir.resolve("outbox.jsonl")).doesNotExist();
  }

  @Test
  void withoutTheAttributeTheSystemPropertyEnableSentryDecides() throws Exception {
    System.setProperty("enableSentry", "false");
    try (Log4j2Fixture log4j2 = configure("enable-from-system-property")) {
      assertThat(log4j2.appender().panicwatch()).isNull();
      assertThat(log4j2.messages(Level.INFO))
          .contains("Panicwatch [PANIC]: switched off (enableSentry=false from the system property enableSentry)");
    } finally {
      System.clearProperty("enableSentry");
    }
  }

  @Test
  void malformedEnableSentryIsAnErrorAndKeepsReportingOff() throws Exception {
    try (Log4j2Fixture log4j2 = configure("malformed-enable")) {
      assertThat(log4j2.messages(Level.ERROR))
          .contains("Panicwatch [PANIC]: Invalid enableSentry [ture] from the appender's enableSentry setting: use true or false; Panicwatch stays off");
      assertThat(log4j2.appender().panicwatch()).isNull();
    }
  }

  @Test
  void scrubElementBindsKeysSwitchesAndReplacement() throws Exception {
    try (Log4j2Fixture log4j2 = configure("scrub")) {
      assertThat(log4j2.messages(Level.ERROR)).isEmpty();
      ScrubOptions scrub = log4j2.appender().getOptions().scrub();
      assertThat(scrub.getKeys()).containsExactly("session_id", "pin");
      assertThat(scrub.isIpAddresses()).isFalse();
      assertThat(scrub.getReplacement()).isEqualTo("***");
      assertThat(Scrubber.compile(scrub).scrub("session_id=abc from 10.0.0.1")).isEqualTo("session_id=*** from 10.0.0.1");
    }
  }

  @Test
  void aScrubPatternThatDoesNotCompileIsAnErrorAndNothingIsSent() throws Exception {
    try (Log4j2Fixture log4j2 = configure("bad-scrub-pattern")) {
      assertThat(log4j2.appender()).isNull();
      assertThat(log4j2.messages(Level.ERROR))
          .anyMatch(m -> m.startsWith("Panicwatch [PANIC]: ") && m.contains("[pass(word]"))
          .contains("Panicwatch [PANIC]: not started: fix the configuration errors above");
      log4j2.context.getLogger("app").error(MarkerManager.getMarker("FATAL"), "not sent");
    }
    assertThat(dir.resolve("outbox.jsonl")).as("after the stop's flush").doesNotExist();
  }
  @Test
  void deliveryOptionsAndScrubRulesBindByTheLogbackNames() throws Exception {
    try (Log4j2Fixture log4j2 = configure("delivery-and-scrub-rules")) {
      assertThat(log4j2.messages(Level.ERROR)).isEmpty();
      PanicAppender appender = log4j2.appender();
      assertThat(appender.isStarted()).isTrue();
      PanicwatchOptions options = appender.getOptions();
      assertThat(options.cacheDir()).isEqualTo(dir.resolve("spool").toFile());
      assertThat(options.maxSpooledEvents()).isEqualTo(20);
      assertThat(options.maxEventsPerFingerprint()).isEqualTo(3);
      assertThat(options.fingerprintWindowMillis()).isEqualTo(30 * 60_000L);
      assertThat(options.connectionTimeoutMillis()).isEqualTo(1500);
      assertThat(options.readTimeoutMillis()).isEqualTo(2500);
      ScrubOptions scrub = options.scrub();
      assertThat(scrub.getDisabled()).containsExactly("home", "slack");
      assertThat(scrub.getKeyRules()).singleElement().satisfies(rule -> {
        assertThat(rule.getKeys()).containsExactly("customer", "acct");
        assertThat(rule.getReplacement()).isEqualTo("hash");
      });
      assertThat(scrub.getValueRules()).extracting(Object::toString).containsExactly("ticket", "email");
      assertThat(Scrubber.compile(scrub).scrub("customer=alice TICKET-1234 bob@example.com /home/bob"))
          .matches("customer=\\[hash:[0-9a-f]{16}] {2}\\*{4} /home/bob");
    }
  }

  @Test
  void anUnparsableValueIsAStatusErrorNamingTheOptionAndTheAppenderIsNotBuilt() throws Exception {
    try (Log4j2Fixture log4j2 = configure("unparsable-value")) {
      assertThat(log4j2.messages(Level.ERROR).stream().filter(m -> m.startsWith("Panicwatch [")))
          .containsExactly(
              "Panicwatch [PANIC]: Invalid readTimeoutMillis [soon]: not an integer",
              "Panicwatch [PANIC]: not started: fix the configuration errors above");
      assertThat(log4j2.appender()).isNull();
    }
  }

  @Test
  void aMisspelledAttributeIsReportedByLog4j2AndNamesMatchInAnyCase() throws Exception {
    try (Log4j2Fixture log4j2 = configure("misspelled-attribute")) {
      assertThat(log4j2.messages(Level.ERROR)).anyMatch(m -> m.contains("maxBreadcrumb") && m.contains("invalid"));
      PanicAppender appender = log4j2.appender();
      assertThat(appender.getOptions().maxBreadcrumbs()).isEqualTo(PanicwatchOptions.DEFAULT_MAX_BREADCRUMBS);
      assertThat(appender.getOptions().maxSpooledEvents()).isEqualTo(7);
    }
  }
}
