package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.spi.ConfigurationEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

/**
 * Logback reloaded again and again, as {@code scan="true"} does (reset the context, configure it
 * anew): the new appender of a name takes the running engine when its options are the same, and a
 * new engine that goes on with the breadcrumbs when they changed; nothing stays behind the stop
 * (issue 12 item 4).
 */
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
  private void reload(String maxBreadcrumbs, String tag) throws Exception {
    context.reset();
    context.putProperty("dsn", receiver.dsn());
    context.putProperty("cacheDir", cacheDir.toString());
    context.putProperty("maxBreadcrumbs", maxBreadcrumbs);
    context.putProperty("tag", tag);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL resource = getClass().getResource(getClass().getSimpleName() + "-reload.xml");
    configurator.doConfigure(resource);
  }

  private void reloadAndPanic(int cycle) throws Exception {
    reload("100", "first");
    context.getLogger("app").info("configured {}", cycle);
    context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "panic in cycle {}", cycle);
    receiver.awaitAcceptedEvents(cycle, WAIT); // the delivery and sender threads exist by now
  }

  private PanicAppender appender() {
    return (PanicAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("PANIC");
  }

  private Panicwatch engine() {
    return appender().panicwatch();
  }

  /**
   * Threads but the receiver's and the JDK's keep-alive cache's (one per JVM, it lives while the
   * running engine's connection is idle in the cache).
   */
  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> !name.startsWith("sentry-receiver") && !name.equals("Keep-Alive-Timer"))
        .sorted()
        .toList();
  }

  private static boolean panicwatchThreadsRun() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("panicwatch-"));
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

  private static List<String> breadcrumbMessages(JsonNode event) {
    List<String> messages = new ArrayList<>();
    event.path("breadcrumbs").forEach(crumb -> messages.add(crumb.path("message").asText()));
    return messages;
  }

  @Test
  void twentyReloadsLeaveNoThreadsHandlersOrOpenFilesBehind() throws Exception {
    reloadAndPanic(1);
    Panicwatch first = engine();
    // counted after the first reload: its reset flushes the running engine, whose Sentry client
    // starts its executor thread then, once for the engine's life
    reloadAndPanic(2);
    int afterFirst = threadNames().size();
    for (int cycle = 3; cycle <= 20; cycle++) {
      reloadAndPanic(cycle);
      assertThat(engine()).as("cycle %d, the same options: the running engine", cycle).isSameAs(first);
    }
    // a parked engine's timer ends once the next appender took it
    Awaitility.await().pollInSameThread().atMost(WAIT)
        .untilAsserted(() -> assertThat(threadNames()).hasSizeLessThanOrEqualTo(afterFirst));
    assertThat(receiver.acceptedEvents()).hasSize(20);
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isInstanceOf(
        Class.forName("io.github.panicwatch.core.UncaughtPanicHandler"));
    first = null; // only the weak reference below may remain

    WeakReference<Panicwatch> engine = new WeakReference<>(engine());
    context.stop();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(originalHandler);
    Awaitility.await().atMost(WAIT).until(() -> !panicwatchThreadsRun());
    assertThat(openFilesUnder(cacheDir)).isZero();
    try (Stream<Path> files = Files.walk(cacheDir)) {
      assertThat(files.map(Path::toFile).filter(File::isFile).map(File::getName))
          .noneMatch(name -> name.endsWith(".envelope") || name.endsWith(".tmp"));
    }
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc(); // nothing Panicwatch installed may keep a stopped engine alive
      return engine.get() == null;
    });
  }

  @Test
  void reloadedFiveTimesTheSameOptionsKeepOneEngineAndChangedOnesCarryTheBreadcrumbsOn() throws Exception {
    Thread.UncaughtExceptionHandler applications = (thread, throwable) -> { };
    Thread.setDefaultUncaughtExceptionHandler(applications);
    reload("100", "first");
    WeakReference<Panicwatch> initial = new WeakReference<>(engine());
    PanicAppender initialAppender = appender();
    context.getLogger("app").info("logged before the first reload");

    reload("100", "first");
    reload("100", "first");
    assertThat(appender()).as("Logback built a new appender").isNotSameAs(initialAppender);
    assertThat(engine()).as("the same options: the running engine").isSameAs(initial.get());
    context.getLogger("app").info("logged before the ring's size changed");

    reload("50", "first");
    WeakReference<Panicwatch> resized = new WeakReference<>(engine());
    assertThat(resized.get()).as("maxBreadcrumbs changed: a new engine").isNotSameAs(initial.get());
    reload("50", "first");
    assertThat(engine()).isSameAs(resized.get());
    context.getLogger("app").info("logged before the tag changed");

    reload("50", "second");
    WeakReference<Panicwatch> retagged = new WeakReference<>(engine());
    assertThat(retagged.get()).as("a tag changed: a new engine").isNotSameAs(resized.get());
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc(); // replaced engines are closed and unreachable while the new one runs
      return initial.get() == null && resized.get() == null;
    });

    context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "disk gone");
    JsonNode panic = receiver.awaitAcceptedEvents(1, WAIT).get(0);
    assertThat(panic.path("tags").path("config").asText()).isEqualTo("second");
    assertThat(breadcrumbMessages(panic)).containsSubsequence(
        "logged before the first reload", "logged before the ring's size changed", "logged before the tag changed");

    context.stop();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(applications);
    Awaitility.await().atMost(WAIT).until(() -> !panicwatchThreadsRun());
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc();
      return retagged.get() == null;
    });
    assertThat(receiver.acceptedEvents()).hasSize(1);
  }

  @Test
  void scanReloadsAFileThatChangedOnTheRunningEngineUntilItsOptionsChange() throws Exception {
    Path file = cacheDir.resolve("logback.xml");
    writeScanned(file, "100", 1);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(file.toFile());
    AtomicInteger reloads = new AtomicInteger();
    context.addConfigurationEventListener(event -> {
      if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY) {
        reloads.incrementAndGet();
      }
    });
    PanicAppender initialAppender = appender();
    WeakReference<Panicwatch> initial = new WeakReference<>(engine());
    context.getLogger("app").info("logged before the scan's first reload");

    writeScanned(file, "100", 2); // the same options, the file changed
    Awaitility.await().atMost(WAIT).until(() -> reloads.get() == 1);
    assertThat(appender()).as("scan built a new appender").isNotSameAs(initialAppender);
    assertThat(engine()).as("the same options: the running engine").isSameAs(initial.get());
    context.getLogger("app").info("logged before the scan's second reload");

    writeScanned(file, "50", 3);
    Awaitility.await().atMost(WAIT).until(() -> reloads.get() == 2);
    assertThat(engine()).as("maxBreadcrumbs changed: a new engine").isNotNull().isNotSameAs(initial.get());
    context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "disk gone");
    JsonNode panic = receiver.awaitAcceptedEvents(1, WAIT).get(0);
    assertThat(breadcrumbMessages(panic)).containsSubsequence(
        "logged before the scan's first reload", "logged before the scan's second reload");

    context.stop();
    Awaitility.await().atMost(WAIT).until(() -> !panicwatchThreadsRun());
  }

  @Test
  void aReloadWithoutTheAppenderClosesItsEngineWhenTheConfigurationEnds() throws Exception {
    Thread.UncaughtExceptionHandler applications = (thread, throwable) -> { };
    Thread.setDefaultUncaughtExceptionHandler(applications);
    reload("100", "first");
    WeakReference<Panicwatch> engine = new WeakReference<>(engine());

    context.reset(); // the engine is parked for a next appender named PANIC, which does not come
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream("""
        <configuration>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="CONSOLE"/></root>
        </configuration>
        """.getBytes(StandardCharsets.UTF_8)));

    // at the configuration's end, not after the parking bound (10 s)
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(applications);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !panicwatchThreadsRun());
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc();
      return engine.get() == null;
    });
  }

  /** The configuration {@code scan} watches; {@code version} only changes the file. */
  private void writeScanned(Path file, String maxBreadcrumbs, int version) throws IOException {
    long before = Files.exists(file) ? file.toFile().lastModified() : 0;
    Files.writeString(file, """
        <configuration scan="true" scanPeriod="100 milliseconds">
          <!-- version %d -->
          <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
            <dsn>%s</dsn>
            <cacheDirPath>%s</cacheDirPath>
            <maxBreadcrumbs>%s</maxBreadcrumbs>
          </appender>
          <root level="INFO"><appender-ref ref="PANIC"/></root>
        </configuration>
        """.formatted(version, receiver.dsn(), cacheDir, maxBreadcrumbs));
    // scan compares modification times; a rewrite within the file system's granularity would look unchanged
    file.toFile().setLastModified(Math.max(before + 2_000, System.currentTimeMillis()));
  }
}
