package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildJvm;
import io.github.panicwatch.testing.CrashNatively;
import io.github.panicwatch.testing.SentryReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 through Log4j2: the next run of a service that died of a real native crash, with its
 * {@code -XX:ErrorFile}, reports that crash at start, once (the core does the work, as for Logback).
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderPreviousCrashIT {
  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path work;

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void reportsTheNativeCrashOfTheLastRunWhereItsErrorFileFlagPutItOnce() throws Exception {
    Path logs = Files.createDirectory(work.resolve("logs"));
    String errorFile = "-XX:ErrorFile=" + logs.resolve("crash-%p.txt");
    long pid = CrashNatively.crashIn(work, errorFile);
    Path config = Files.writeString(work.resolve("log4j2.xml"), """
        <Configuration status="WARN">
          <Appenders>
            <Panicwatch name="PANIC" dsn="%s" cacheDirPath="%s" flushTimeoutMillis="10000"/>
          </Appenders>
          <Loggers><Root level="INFO"><AppenderRef ref="PANIC"/></Root></Loggers>
        </Configuration>
        """.formatted(receiver.dsn(), work.resolve("cache")));
    List<String> jvm = List.of(errorFile, "-Dlog4j2.configurationFile=" + config);

    assertThat(ChildJvm.runIn(work, OrdinaryService.class, jvm, List.of(), Duration.ofSeconds(90)).exitCode()).isZero();
    JsonNode event = receiver.awaitEvents(1, Duration.ofSeconds(30)).get(0);
    assertThat(ChildJvm.runIn(work, OrdinaryService.class, jvm, List.of(), Duration.ofSeconds(90)).exitCode()).isZero();

    assertThat(event.at("/tags/crash").asText()).isEqualTo("fatal_error");
    assertThat(event.at("/tags/pid").asText()).isEqualTo(Long.toString(pid));
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("SIGSEGV");
    assertThat(event.at("/extra/hs_err_file").asText()).isEqualTo(logs.resolve("crash-" + pid + ".txt").toString());
    assertThat(event.at("/extra/hs_err_excerpt").asText()).contains("CrashNatively.main");
    assertThat(receiver.requestCount()).isEqualTo(1);
  }
}
