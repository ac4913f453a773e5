package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.select.Severity;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanicwatchOptionsTest {
  @TempDir Path dir;

  private PanicwatchOptions withOutboxInTempDir() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.setOutbox(dir.resolve("outbox.jsonl").toString());
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
    options.setDsn("http://key@127.0.0.1:9000/42");
    assertThat(options.outboxFile()).isNull();
    options.setOutbox("copy.jsonl");
    assertThat(options.outboxFile()).isEqualTo(new File("copy.jsonl").getAbsoluteFile());
  }

  @Test
  void blankAndUndefinedDsnMeanNoDsn() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.setDsn("  ");
    assertThat(options.dsn()).isNull();
    options.setDsn("SENTRY_DSN_IS_UNDEFINED");
    assertThat(options.dsn()).isNull();
  }

  @Test
  void configuredPanicMarkersReplaceTheDefaults() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.addPanicMarker("CRASH");
    assertThat(options.panicMarkers()).containsExactly("CRASH");
  }

  @Test
  void everyBadValueIsReportedWithItsOption() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.setDsn("not a dsn");
    options.setMaxBreadcrumbs(-1);
    options.setMinimumBreadcrumbLevel("INFOO");
    options.setMinimumEventLevel("SEVERE");
    options.setFlushTimeoutMillis(-5);
    options.addPanicMarker(" ");
    options.addTag(new Tag(null, "x"));
    options.setOutbox(dir.resolve("missing-dir/outbox.jsonl").toString());
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
            "Unknown level [INFOO] for minimumBreadcrumbLevel: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
  }

  @Test
  void dsnWithoutPublicKeyOrProjectIsRejected() {
    PanicwatchOptions options = withOutboxInTempDir();
    options.setDsn("http://127.0.0.1:9000/42");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("no public key"));
    options.setDsn("http://key@127.0.0.1:9000/");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("no project id"));
    options.setDsn("ftp://key@127.0.0.1/1");
    assertThat(options.validate()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("http or https"));
    options.setDsn("https://key@o1.ingest.sentry.io/42");
    assertThat(options.validate()).isEmpty();
  }

  @Test
  void outboxThatIsADirectoryIsRejected() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.setOutbox(dir.toString());
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
    options.setDsn("http://key@127.0.0.1:9000/42");
    options.setMaxSpooledEvents(0);
    options.setMaxEventsPerFingerprint(-1);
    options.setFingerprintWindow("soon");
    options.setConnectionTimeoutMillis(0);
    options.setReadTimeoutMillis(-5);
    options.setCacheDirPath(dir.resolve("spool").toString());
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
    options.setDsn("http://key@127.0.0.1:9000/42");
    File file = dir.resolve("plain-file").toFile();
    assertThat(file.createNewFile()).isTrue();
    options.setCacheDirPath(new File(file, "spool").getPath());
    assertThat(options.validate())
        .extracting(ConfigProblem::message)
        .containsExactly("Unusable cacheDirPath [" + new File(file, "spool").getAbsolutePath() + "]: " + file + " is not a directory");
  }
}
