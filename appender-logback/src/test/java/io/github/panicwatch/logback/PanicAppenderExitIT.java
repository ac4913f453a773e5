package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildJvm;
import io.github.panicwatch.testing.ExitRuns;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
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
 * A panic logged right before {@code System.exit} behind Logback's {@code AsyncAppender}, stopped by
 * Logback's {@code <shutdownHook/>}: the common production shape. The worker that drains the queue
 * runs the appender with its interrupt flag set, beside Panicwatch's own shutdown hook (issue 12).
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderExitIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int RUNS = 10;

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private ChildJvm.Result runChild(Path config, int run) {
    return ChildJvm.run(
        ExitingChild.class,
        List.of(
            "logback.configurationFile=" + config,
            "pw.dsn=" + receiver.dsn(),
            "pw.cacheDir=" + dir.resolve("cache-" + run),
            "pw.run=" + run),
        List.of(),
        Duration.ofSeconds(60));
  }

  private Path config(String appenders, String rootRef) throws IOException {
    Path file = dir.resolve("logback-" + rootRef + ".xml");
    Files.writeString(file, """
        <configuration>
          <shutdownHook/>
          <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
            <dsn>${pw.dsn}</dsn>
            <cacheDirPath>${pw.cacheDir}</cacheDirPath>
            <captureUncaught>false</captureUncaught>
            <flushTimeoutMillis>10000</flushTimeoutMillis>
          </appender>
          %s
          <root level="INFO"><appender-ref ref="%s"/></root>
        </configuration>
        """.formatted(appenders, rootRef));
    return file;
  }

  @Test
  void aPanicLoggedRightBeforeExitBehindAnAsyncAppenderArrivesInEveryRun() throws Exception {
    Path config =
        config(
            "<appender name=\"ASYNC\" class=\"ch.qos.logback.classic.AsyncAppender\"><appender-ref ref=\"PANIC\"/></appender>",
            "ASYNC");
    List<ChildJvm.Result> results = ExitRuns.repeat(RUNS, run -> runChild(config, run));
    ExitRuns.assertEachKept(receiver, results, "replica lost in run", run -> dir.resolve("cache-" + run), WAIT);
    // the worker's thread id is not the logging thread's: the exception carries none (issue 12 item 7)
    for (JsonNode event : receiver.acceptedEvents()) {
      assertThat(event.path("extra").path("thread_name").asText()).isEqualTo("main");
      assertThat(event.path("exception").path("values").get(0).has("thread_id")).isFalse();
    }
  }

  @Test
  void aPanicLoggedRightBeforeExitOnASynchronousAppenderCarriesTheLoggingThreadsId() throws Exception {
    Path config = config("", "PANIC");
    List<ChildJvm.Result> results = ExitRuns.repeat(2, run -> runChild(config, run));
    ExitRuns.assertEachKept(receiver, results, "replica lost in run", run -> dir.resolve("cache-" + run), WAIT);
    for (JsonNode event : receiver.acceptedEvents()) {
      assertThat(event.path("exception").path("values").get(0).path("thread_id").asLong()).isEqualTo(1L);
    }
  }

}
