package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

/** Reconfiguring Logback again and again, as {@code scan="true"} does, leaves nothing behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicAppenderReloadIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();
  private final Thread.UncaughtExceptionHandler originalHandler = Thread.getDefaultUncaughtExceptionHandler();
  @TempDir Path cacheDir;

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
    Thread.setDefaultUncaughtExceptionHandler(originalHandler);
  }

  /** What {@code ReconfigureOnChangeTask} does on a change: reset the context, configure it anew. */
  private void reload(int cycle) throws Exception {
    context.reset();
    context.putProperty("dsn", receiver.dsn());
    context.putProperty("cacheDir", cacheDir.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL resource = getClass().getResource(getClass().getSimpleName() + "-reload.xml");
    configurator.doConfigure(resource);
    context.getLogger("app").info("configured {}", cycle);
    context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "panic in cycle {}", cycle);
    receiver.awaitAcceptedEvents(cycle, WAIT); // the delivery and sender threads exist by now
  }

  private static long threadCount() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !thread.getName().startsWith("sentry-receiver"))
        .count();
  }

  private long openFilesUnder(Path dir) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0; // not Linux: nothing to count
    }
    String prefix = dir.toRealPath().toString();
    try (Stream<Path> links = Files.list(fds)) {
      return links.filter(link -> {
        try {
          return Files.readSymbolicLink(link).toString().startsWith(prefix);
        } catch (IOException | UnsupportedOperationException e) {
          return false; // closed meanwhile
        }
      }).count();
    }
  }

  @Test
  void twentyReloadsLeaveNoThreadsHandlersOrOpenFilesBehind() throws Exception {
    reload(1);
    long afterFirst = threadCount();
    for (int cycle = 2; cycle <= 20; cycle++) {
      reload(cycle);
    }
    Awaitility.await().atMost(WAIT).until(() -> threadCount() <= afterFirst);
    assertThat(receiver.acceptedEvents()).hasSize(20);
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isInstanceOf(
        Class.forName("io.github.panicwatch.core.UncaughtPanicHandler"));

    context.stop();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(originalHandler);
    Awaitility.await().atMost(WAIT).until(
        () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("panicwatch-")));
    assertThat(openFilesUnder(cacheDir)).isZero();
    try (Stream<Path> files = Files.walk(cacheDir)) {
      assertThat(files.map(Path::toFile).filter(File::isFile).map(File::getName))
          .noneMatch(name -> name.endsWith(".envelope") || name.endsWith(".tmp"));
    }
  }
}
