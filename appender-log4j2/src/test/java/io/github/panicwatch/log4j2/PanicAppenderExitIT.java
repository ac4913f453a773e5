package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.ChildJvm;
import io.github.panicwatch.testing.ExitRuns;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FATAL logged right before {@code System.exit}, in each shape Log4j2 is run in production, stopped
 * by Log4j2's own shutdown hook beside Panicwatch's (issue 21): every run's panic arrives.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderExitIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int RUNS = 10;
  private static final String ALL_ASYNC =
      "log4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector";

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private Path config(String name, String appenders, String loggers) throws IOException {
    Path file = dir.resolve("log4j2-" + name + ".xml");
    Files.writeString(file, """
        <Configuration status="WARN">
          <Appenders>
            <Panicwatch name="PANIC" dsn="${sys:pw.dsn}" cacheDirPath="${sys:pw.cacheDir}"
                        captureUncaught="false" flushTimeoutMillis="10000"/>
            %s
          </Appenders>
          <Loggers>
            %s
          </Loggers>
        </Configuration>
        """.formatted(appenders, loggers));
    return file;
  }

  private void everyRunArrives(Path config, String... properties) throws Exception {
    List<ChildJvm.Result> results =
        ExitRuns.repeat(
            RUNS,
            run -> {
              List<String> all = new ArrayList<>(List.of(properties));
              all.add("log4j2.configurationFile=" + config);
              all.add("pw.dsn=" + receiver.dsn());
              all.add("pw.cacheDir=" + dir.resolve("cache-" + run));
              all.add("pw.run=" + run);
              return ChildJvm.run(ExitingChild.class, all, List.of(), Duration.ofSeconds(60));
            });
    ExitRuns.assertEachKept(receiver, results, "replica lost in run", run -> dir.resolve("cache-" + run), WAIT);
  }

  @Test
  void synchronousLoggers() throws Exception {
    everyRunArrives(config("sync", "", "<Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/></Root>"));
  }

  @Test
  void anAsyncAppenderInFrontOfPanicwatch() throws Exception {
    everyRunArrives(
        config(
            "sync-async",
            "<Async name=\"ASYNC\"><AppenderRef ref=\"PANIC\"/></Async>",
            "<Root level=\"INFO\"><AppenderRef ref=\"ASYNC\"/></Root>"));
  }

  @Test
  void allLoggersAsynchronous() throws Exception {
    everyRunArrives(
        config("all-async", "", "<Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/></Root>"), ALL_ASYNC);
  }

  @Test
  void anAsyncLoggerInAMixedConfiguration() throws Exception {
    everyRunArrives(
        config(
            "mixed",
            "",
            "<AsyncLogger name=\"app\" level=\"INFO\" additivity=\"false\"><AppenderRef ref=\"PANIC\"/></AsyncLogger>"
                + "<Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/></Root>"));
  }
}
