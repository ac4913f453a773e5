package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.testing.SentryReceiver;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4j2 reconfigured again and again: it builds and starts each new configuration's appenders
 * before it stops the old ones. The new appender of a name takes the running engine when its options
 * are the same, and a new engine that goes on with the breadcrumbs when they changed; nothing is
 * chained, and nothing stays behind the last stop (issue 12 item 4).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicAppenderReconfigureIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
  private final List<String> originalCalls = new CopyOnWriteArrayList<>();
  private final Thread.UncaughtExceptionHandler applications =
      (thread, throwable) -> originalCalls.add(thread.getName() + ": " + throwable.getMessage());
  private final LoggerContext context = new LoggerContext("reconfigure");
  @TempDir Path cacheDir;

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
    Thread.setDefaultUncaughtExceptionHandler(original);
  }

  /** Generation {@code generation} of the configuration, with {@code options} besides the usual ones. */
  private Configuration configuration(int generation, Map<String, String> options, String tag) {
    ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName("generation-" + generation);
    AppenderComponentBuilder appender = config.newAppender("PANIC", "Panicwatch")
        .addAttribute("dsn", receiver.dsn())
        .addAttribute("cacheDirPath", cacheDir.toString())
        .addAttribute("maxEventsPerFingerprint", "0");
    options.forEach(appender::addAttribute);
    if (tag != null) {
      appender.addComponent(config.newComponent("Tag").addAttribute("name", "config").addAttribute("value", tag));
    }
    config.add(appender);
    config.add(config.newRootLogger(Level.INFO).add(config.newAppenderRef("PANIC")));
    config.setLoggerContext(context);
    return config.build(false);
  }

  private Panicwatch engine() {
    return ((PanicAppender) context.getConfiguration().getAppender("PANIC")).panicwatch();
  }

  private static boolean panicwatchThreadsRun() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("panicwatch-"));
  }

  @Test
  void reconfiguredFiveTimesTheSameOptionsKeepOneEngineAndChangedOnesCarryTheBreadcrumbsOn() throws Exception {
    Thread.setDefaultUncaughtExceptionHandler(applications);
    Map<String, String> first = Map.of();
    Map<String, String> smallerRing = Map.of("maxBreadcrumbs", "50");
    context.start(configuration(0, first, null));
    WeakReference<Panicwatch> initial = new WeakReference<>(engine());
    context.getLogger("app").info("logged before the first reconfiguration");

    context.reconfigure(configuration(1, first, null));
    context.reconfigure(configuration(2, first, null));
    assertThat(engine()).as("the same options: the running engine").isSameAs(initial.get());
    context.getLogger("app").info("logged before the ring's size changed");

    context.reconfigure(configuration(3, smallerRing, null));
    WeakReference<Panicwatch> resized = new WeakReference<>(engine());
    assertThat(resized.get()).as("maxBreadcrumbs changed: a new engine").isNotSameAs(initial.get());
    context.reconfigure(configuration(4, smallerRing, null));
    assertThat(engine()).isSameAs(resized.get());
    context.getLogger("app").info("logged before a tag was added");

    context.reconfigure(configuration(5, smallerRing, "tagged"));
    WeakReference<Panicwatch> tagged = new WeakReference<>(engine());
    assertThat(tagged.get()).as("a tag added: a new engine").isNotSameAs(resized.get());
    assertThat(tagged.get().breadcrumbs()).as("the same ring size: the ring goes on").isSameAs(
        resized.get().breadcrumbs());
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc(); // replaced engines are closed and unreachable while the new one runs
      return initial.get() == null && resized.get() == null;
    });

    context.getLogger("app").fatal("disk gone");
    JsonNode panic = receiver.awaitAcceptedEvents(1, WAIT).get(0);
    assertThat(panic.path("tags").path("config").asText()).isEqualTo("tagged");
    List<String> crumbs = new ArrayList<>();
    panic.path("breadcrumbs").forEach(crumb -> crumbs.add(crumb.path("message").asText()));
    assertThat(crumbs).containsSubsequence(
        "logged before the first reconfiguration",
        "logged before the ring's size changed",
        "logged before a tag was added");

    Thread dying = new Thread(() -> {
      throw new IllegalStateException("worker died");
    }, "worker");
    dying.start();
    dying.join();
    List<JsonNode> events = receiver.awaitAcceptedEvents(2, WAIT);
    assertThat(events.get(1).path("message").path("formatted").asText()).contains("worker died");
    assertThat(originalCalls).as("the application's handler, called once, not through a chain")
        .containsExactly("worker: worker died");

    context.stop();
    assertThat(Thread.getDefaultUncaughtExceptionHandler())
        .as("engine still running: %s", tagged.get())
        .isSameAs(applications);
    assertThat(receiver.acceptedEvents()).as("one engine reported each, once").hasSize(2);
    Awaitility.await().atMost(WAIT).until(() -> !panicwatchThreadsRun());
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc(); // nothing Panicwatch installed may keep a stopped engine alive
      return tagged.get() == null;
    });
  }
}
