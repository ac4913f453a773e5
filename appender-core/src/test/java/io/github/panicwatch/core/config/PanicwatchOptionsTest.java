package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.select.Severity;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanicwatchOptionsTest {
  @TempDir Path dir;

  private PanicwatchOptions withOutboxInTempDir() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.OUTBOX, dir.resolve("outbox.jsonl").toString());
    return options;
  }

  @Test
  void defaultsAreValid() {
    PanicwatchOptions options = withOutboxInTempDir();
    assertThat(options.validate()).isEmpty();
    assertThat(options.maxBreadcrumbs()).isEqualTo(100);
    assertThat(options.minimumBreadcrumbLevel()).isEqualTo(Severity.INFO);
    assertThat(options.minimumEventLevel()).isNull();
    assertThat(options.panicMarkers()).containsExactly("FATAL", "PANIC");
    assertThat(options.flushTimeoutMillis()).isEqualTo(2000);
    assertThat(options.edition()).isEqualTo("oss");
    assertThat(options.captureUncaught()).isTrue();
  }

  @Test
  void withoutDsnTheDefaultOutboxInTheWorkingDirectoryIsUsed() {
    PanicwatchOptions options = new PanicwatchOptions();
    assertThat(options.outboxFile()).isEqualTo(new File("panicwatch-outbox.jsonl").getAbsoluteFile());
  }

  @Test
  void withDsnTheOutboxIsWrittenOnlyWhenConfigured() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.DSN, "http://key@127.0.0.1:9000/42");
    assertThat(options.outboxFile()).isNull();
    options.set(PanicwatchOptions.OUTBOX, "copy.jsonl");
    assertThat(options.outboxFile()).isEqualTo(new File("copy.jsonl").getAbsoluteFile());
  }

  @Test
  void blankDsnMeansNoDsn() {
    PanicwatchOptions options = withOutboxInTempDir();
    options.set(PanicwatchOptions.DSN, "  ");
    assertThat(options.dsn()).isNull();
    assertThat(options.validate()).isEmpty();
  }

  /**
   * sentry-logback's {@code <dsn>${SENTRY_DSN}</dsn>} without SENTRY_DSN means no DSN (issue 15): the
   * start-up drops it (and warns) before it validates, where it would be issue 19's error.
   */
  @Test
  void aDsnNamingAnUndefinedVariableIsDroppedAndOnlyThatOption() {
    PanicwatchOptions options = withOutboxInTempDir();
    options.set(PanicwatchOptions.DSN, "https://${SENTRY_KEY}@sentry.example.com/7");
    options.set(PanicwatchOptions.RELEASE, "${APP_VERSION}");
    assertThat(options.validate(UnresolvedVariables.PLACEHOLDER)).extracting(ConfigProblem::option).containsExactly("dsn", "release");

    assertThat(options.dropDsnWithUndefinedVariable(UnresolvedVariables.PLACEHOLDER)).isEqualTo("SENTRY_KEY");

    assertThat(options.dsn()).isNull();
    assertThat(options.validate(UnresolvedVariables.PLACEHOLDER))
        .containsExactly(
            new ConfigProblem(
                "release", "Invalid release: the variable [APP_VERSION] is undefined; write ${APP_VERSION:-} where it may be unset"));
    options.set(PanicwatchOptions.DSN, "https://key@sentry.example.com/7");
    assertThat(options.dropDsnWithUndefinedVariable(UnresolvedVariables.PLACEHOLDER)).isNull();
    assertThat(options.dsn()).isEqualTo("https://key@sentry.example.com/7");
  }

  @Test
  void configuredPanicMarkersReplaceTheDefaults() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.PANIC_MARKER, "CRASH");
    assertThat(options.panicMarkers()).containsExactly("CRASH");
  }

  @Test
  void everyBadValueIsReportedWithItsOption() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.DSN, "not a dsn");
    options.set(PanicwatchOptions.MAX_BREADCRUMBS, "-1");
    options.set(PanicwatchOptions.MINIMUM_BREADCRUMB_LEVEL, "INFOO");
    options.set(PanicwatchOptions.MINIMUM_EVENT_LEVEL, "SEVERE");
    options.set(PanicwatchOptions.FLUSH_TIMEOUT_MILLIS, "-5");
    options.set(PanicwatchOptions.PANIC_MARKER, " ");
    options.addTag(new Tag(null, "x"));
    options.set(PanicwatchOptions.OUTBOX, dir.resolve("missing-dir/outbox.jsonl").toString());
    List<ConfigProblem> problems = options.validate();
    assertThat(problems)
        .extracting(ConfigProblem::option)
        .containsExactlyInAnyOrder(
            "dsn",
            "maxBreadcrumbs",
            "minimumBreadcrumbLevel",
            "minimumEventLevel",
            "flushTimeoutMillis",
            "panicMarker",
            "tag",
            "outbox");
    assertThat(problems)
        .extracting(ConfigProblem::message)
        .contains(
            "Invalid maxBreadcrumbs [-1]: must be 0 to 10000",
            "Invalid minimumBreadcrumbLevel [INFOO]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
  }

  @Test
  void dsnWithoutPublicKeyOrProjectIsRejected() {
    PanicwatchOptions options = withOutboxInTempDir();
    options.set(PanicwatchOptions.DSN, "http://127.0.0.1:9000/42");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("no public key"));
    options.set(PanicwatchOptions.DSN, "http://key@127.0.0.1:9000/");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("no project id"));
    options.set(PanicwatchOptions.DSN, "ftp://key@127.0.0.1/1");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("http or https"));
    options.set(PanicwatchOptions.DSN, "https://key@o1.ingest.sentry.io/42");
    assertThat(options.validate()).isEmpty();
  }

  @Test
  void theDsnIsCheckedCompletelyAtStartNotAtTheFirstPanic() {
    Map<String, String> dsns = new LinkedHashMap<>();
    dsns.put("https://key@sentry.example.com:99999/7", "Invalid dsn [https://*****@sentry.example.com:99999/7]: port 99999 is out of range (1 to 65535)");
    dsns.put("https://key@sentry.example.com:0/7", "Invalid dsn [https://*****@sentry.example.com:0/7]: port 0 is out of range (1 to 65535)");
    dsns.put("https://:secret@sentry.example.com/7", "Invalid dsn [https://*****@sentry.example.com/7]: it has no public key (http://KEY@host/PROJECT)");
    dsns.put("https://key@sentry.example.com/orders", "Invalid dsn [https://*****@sentry.example.com/orders]: its project id [orders] is not a number");
    dsns.put("https://key@/7", "Invalid dsn [https://*****@/7]: it has no host");
    dsns.put("sentry.example.com/7", "Invalid dsn [sentry.example.com/7]: the scheme must be http or https");
    dsns.put("https://key@sentry example.com/7", "Invalid dsn [https://*****@sentry example.com/7]: Illegal character in authority at index 8");
    dsns.forEach((dsn, message) -> {
      PanicwatchOptions options = withOutboxInTempDir();
      options.set(PanicwatchOptions.DSN, dsn);
      assertThat(options.validate()).as(dsn).containsExactly(new ConfigProblem("dsn", message));
    });
    PanicwatchOptions valid = withOutboxInTempDir();
    valid.set(PanicwatchOptions.DSN, "http://key:secret@127.0.0.1:65535/sentry/42");
    assertThat(valid.validate()).isEmpty();
  }

  @Test
  void outboxThatIsADirectoryIsRejected() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.OUTBOX, dir.toString());
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.endsWith("it is a directory"));
  }

  @Test
  void deliveryDefaultsSpoolInAFolderOfTheUserUnderTheTempDirectoryAndHoldFivePerFingerprintAnHour() {
    PanicwatchOptions options = withOutboxInTempDir();
    assertThat(options.cacheDir())
        .isEqualTo(new File(System.getProperty("java.io.tmpdir"), "panicwatch-" + System.getProperty("user.name")).getAbsoluteFile());
    assertThat(options.usesDefaultCacheDir()).isTrue();
    assertThat(options.maxSpooledEvents()).isEqualTo(100);
    assertThat(options.maxEventsPerFingerprint()).isEqualTo(5);
    assertThat(options.fingerprintWindowMillis()).isEqualTo(3_600_000L);
    assertThat(options.connectionTimeoutMillis()).isEqualTo(5000);
    assertThat(options.readTimeoutMillis()).isEqualTo(5000);
  }

  @Test
  void invalidDeliveryOptionsAreReportedPerOption() {
    PanicwatchOptions options = withOutboxInTempDir();
    options.set(PanicwatchOptions.DSN, "http://key@127.0.0.1:9000/42");
    options.set(PanicwatchOptions.MAX_SPOOLED_EVENTS, "0");
    options.set(PanicwatchOptions.MAX_EVENTS_PER_FINGERPRINT, "-1");
    options.set(PanicwatchOptions.FINGERPRINT_WINDOW, "soon");
    options.set(PanicwatchOptions.CONNECTION_TIMEOUT_MILLIS, "0");
    options.set(PanicwatchOptions.READ_TIMEOUT_MILLIS, "-5");
    options.set(PanicwatchOptions.CACHE_DIR_PATH, dir.resolve("spool").toString());
    assertThat(options.validate())
        .extracting(ConfigProblem::option)
        .containsExactly(
            "maxSpooledEvents", "maxEventsPerFingerprint", "fingerprintWindow",
            "connectionTimeoutMillis", "readTimeoutMillis");
    assertThat(options.validate())
        .extracting(ConfigProblem::message)
        .contains("Invalid fingerprintWindow [soon]: use a positive duration such as \"1 hour\", \"30 minutes\" or \"500 milliseconds\"");
  }

  @Test
  void aCacheDirPathBelowAFileIsReported() throws Exception {
    PanicwatchOptions options = withOutboxInTempDir();
    options.set(PanicwatchOptions.DSN, "http://key@127.0.0.1:9000/42");
    File file = dir.resolve("plain-file").toFile();
    assertThat(file.createNewFile()).isTrue();
    options.set(PanicwatchOptions.CACHE_DIR_PATH, new File(file, "spool").getPath());
    assertThat(options.validate())
        .extracting(ConfigProblem::message)
        .containsExactly("Unusable cacheDirPath [" + new File(file, "spool").getAbsolutePath() + "]: " + file + " is not a directory");
  }
}
