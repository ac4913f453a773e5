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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4j2 reconfigured again and again: it starts each new appender before it stops the old one, so
 * the uncaught-exception handler must not be chained once per configuration (issue 12 item 4).
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

  private Configuration configuration(int generation) {
    ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName("generation-" + generation);
    config.add(config.newAppender("PANIC", "Panicwatch")
        .addAttribute("dsn", receiver.dsn())
        .addAttribute("cacheDirPath", cacheDir.toString())
        .addAttribute("maxEventsPerFingerprint", "0"));
    config.add(config.newRootLogger(Level.INFO).add(config.newAppenderRef("PANIC")));
    config.setLoggerContext(context);
    return config.build(false);
  }

  private Panicwatch engine() {
    return ((PanicAppender) context.getConfiguration().getAppender("PANIC")).panicwatch();
  }

  @Test
  void reconfiguredFiveTimesThenStoppedTheOriginalHandlerIsBackAndNoEngineStaysReachable() throws Exception {
    Thread.setDefaultUncaughtExceptionHandler(applications);
    context.start(configuration(0));
    List<WeakReference<Panicwatch>> engines = new ArrayList<>();
    engines.add(new WeakReference<>(engine()));
    for (int generation = 1; generation <= 5; generation++) {
      context.reconfigure(configuration(generation));
      engines.add(new WeakReference<>(engine()));
    }

    Thread dying = new Thread(() -> {
      throw new IllegalStateException("worker died");
    }, "worker");
    dying.start();
    dying.join();
    List<JsonNode> events = receiver.awaitAcceptedEvents(1, WAIT);
    assertThat(events.get(0).path("message").path("formatted").asText()).contains("worker died");
    assertThat(originalCalls).as("the application's handler, called once, not through a chain")
        .containsExactly("worker: worker died");

    context.stop();
    assertThat(Thread.getDefaultUncaughtExceptionHandler())
        .as("engines still running: %s", engines.stream().map(WeakReference::get).toList())
        .isSameAs(applications);
    assertThat(receiver.acceptedEvents()).as("one engine reported it, once").hasSize(1);
    Awaitility.await().atMost(WAIT).until(() -> {
      System.gc(); // nothing Panicwatch installed may keep a stopped engine alive
      return engines.stream().allMatch(engine -> engine.get() == null);
    });
  }
}
