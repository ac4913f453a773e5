package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildJvm;
import io.github.panicwatch.testing.CrashNatively;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, without a watcher: a service dies of a real native crash and leaves its report in its
 * working folder; its next run, an ordinary one, reports that crash at start, once; the run after
 * that reports nothing. Real child JVMs, a receiver on 127.0.0.1.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderPreviousCrashIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path work;

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void reportsTheNativeCrashOfTheLastRunAtTheNextStartOnceAndNoneAtTheThird() throws Exception {
    long pid = CrashNatively.crashIn(work, "-Dapi_key=sekrit-in-the-command-line");
    Path report = work.resolve("hs_err_pid" + pid + ".log");
    Instant written = Files.getLastModifiedTime(report).toInstant();
    Path config = config();

    ChildJvm.Result second = runService(config);
    JsonNode event = receiver.awaitEvents(1, ARRIVAL).get(0);
    assertThat(runService(config).exitCode()).isZero();

    assertThat(second.exitCode()).isZero();
    // looked for and reported on Panicwatch's delivery thread: the service's start waited for none of it
    assertThat(second.output()).contains("panicwatch-delivery-PANIC | Panicwatch [PANIC]: reported the fatal error(s)"
        + " an earlier run left: [" + report + "]");

    assertThat(event.at("/tags/crash").asText()).isEqualTo("fatal_error");
    assertThat(event.at("/tags/pid").asText()).isEqualTo(Long.toString(pid));
    assertThat(Instant.parse(event.path("timestamp").asText())).isEqualTo(written.truncatedTo(ChronoUnit.MILLIS));
    assertThat(event.at("/message/formatted").asText()).startsWith("JVM fatal error: SIGSEGV (0xb) at pc=")
        .contains("pid=" + pid);
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("SIGSEGV");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo(event.at("/extra/problematic_frame").asText())
        .contains("Unsafe_GetInt");
    assertThat(event.at("/extra/hs_err_file").asText()).isEqualTo(report.toString());
    assertThat(event.at("/extra/hs_err_excerpt").asText())
        .contains("Command Line: ", "-Dapi_key=[Filtered]", "CrashNatively.main").doesNotContain("P R O C E S S");
    assertThat(event.at("/exception/values/0/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8)).doesNotContain("sekrit-in-the-command-line");
    assertThat(receiver.requestCount()).isEqualTo(1); // the third run, which flushed before it exited, sent nothing
  }

  @Test
  void looksForNothingWhenReportPreviousCrashesOrEnableSentryIsFalse() throws Exception {
    CrashNatively.crashIn(work);

    assertThat(runService(config("<reportPreviousCrashes>false</reportPreviousCrashes>")).exitCode()).isZero();
    assertThat(runService(config("<enableSentry>false</enableSentry>")).exitCode()).isZero();

    assertThat(receiver.requestCount()).isZero();
    assertThat(work.resolve("cache/crashes")).doesNotExist(); // not even the claims were opened
  }

  /** A {@code logback.xml} of the service: the receiver's DSN, the spool and claims in the test's folder. */
  private Path config(String... moreOptions) throws IOException {
    return Files.writeString(work.resolve("logback.xml"), """
        <configuration>
          <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
            <dsn>%s</dsn>
            <cacheDirPath>%s</cacheDirPath>
            <flushTimeoutMillis>10000</flushTimeoutMillis>
            %s
          </appender>
          <root level="INFO"><appender-ref ref="PANIC"/></root>
        </configuration>
        """.formatted(receiver.dsn(), work.resolve("cache"), String.join("\n", moreOptions)));
  }

  /** One run of {@link OrdinaryService} in the working folder. */
  private ChildJvm.Result runService(Path config) {
    return ChildJvm.runIn(work, OrdinaryService.class, List.of(), List.of(config.toString()), Duration.ofSeconds(90));
  }
}
