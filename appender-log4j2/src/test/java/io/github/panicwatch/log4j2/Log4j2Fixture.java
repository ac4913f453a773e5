package io.github.panicwatch.log4j2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * A log4j2.xml test resource ({@code <TestClass>-<variant>.xml}, with {@code @DIR@} replaced by a
 * temporary folder) loaded through {@link Configurator} into a context of its own, with a status
 * listener recording what Log4j2's status logger said meanwhile.
 */
final class Log4j2Fixture implements AutoCloseable {
  private final List<StatusData> statuses = new CopyOnWriteArrayList<>();
  private final StatusListener listener =
      new StatusListener() {
        @Override
        public void log(StatusData data) {
          statuses.add(data);
        }

        @Override
        public Level getStatusLevel() {
          return Level.INFO;
        }

        @Override
        public void close() {}
      };
  final LoggerContext context;

  Log4j2Fixture(Class<?> testClass, String variant, Path dir) throws IOException {
    String resource = testClass.getSimpleName() + "-" + variant + ".xml";
    Path config = dir.resolve(resource);
    try (InputStream in = testClass.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test configuration " + variant);
      }
      Files.writeString(config, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@DIR@", dir.toString()));
    }
    StatusLogger.getLogger().registerListener(listener);
    context = Configurator.initialize(testClass.getSimpleName() + "-" + variant, null, config.toUri());
  }

  /** A context configured from {@code config}, a log4j2.xml written by the test. */
  Log4j2Fixture(Path config) {
    StatusLogger.getLogger().registerListener(listener);
    context = Configurator.initialize(config.getFileName().toString(), null, config.toUri());
  }

  PanicAppender appender() {
    return context.getConfiguration().getAppender("PANIC");
  }

  List<String> messages(Level level) {
    return statuses.stream()
        .filter(status -> status.getLevel() == level)
        .map(status -> status.getMessage().getFormattedMessage())
        .toList();
  }

  @Override
  public void close() {
    try {
      Configurator.shutdown(context);
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
  }
}
