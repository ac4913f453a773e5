package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.WrittenOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The shared scenarios on Logback: a logback.xml written from the options ({@link WrittenOptions}),
 * read by Joran.
 */
final class LogbackHarness implements AppenderHarness {
  private final LoggerContext context = new LoggerContext();

  LogbackHarness() {
    // the SLF4J MDC the scenarios write to must be the one this context reads
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  @Override
  public void start(Map<String, String> options, Map<String, String> tags) {
    StringBuilder xml = new StringBuilder("<configuration>\n")
        .append("  <appender name=\"PANIC\" class=\"").append(PanicAppender.class.getName()).append("\">\n");
    xml.append(WrittenOptions.of(options).logbackElements("    "));
    tags.forEach((name, value) -> xml.append("    <tag><name>").append(WrittenOptions.escape(name)).append("</name><value>")
        .append(WrittenOptions.escape(value)).append("</value></tag>\n"));
    xml.append("  </appender>\n  <root level=\"DEBUG\"><appender-ref ref=\"PANIC\"/></root>\n</configuration>\n");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new AssertionError("configuration failed: " + xml, e);
    }
    PanicAppender appender = (PanicAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("PANIC");
    assertThat(appender).as("appender PANIC from %s", xml).isNotNull();
    assertThat(appender.isStarted())
        .as("started; status: %s", context.getStatusManager().getCopyOfStatusList())
        .isTrue();
  }

  @Override
  public void log(String logger, Severity level, String marker, String template, Object... arguments) {
    Logger log = context.getLogger(logger);
    Marker slf4jMarker = marker == null ? null : MarkerFactory.getMarker(marker);
    switch (level) {
      case TRACE -> log.trace(slf4jMarker, template, arguments);
      case DEBUG -> log.debug(slf4jMarker, template, arguments);
      case INFO -> log.info(slf4jMarker, template, arguments);
      case WARN -> log.warn(slf4jMarker, template, arguments);
      default -> log.error(slf4jMarker, template, arguments); // SLF4J has no FATAL level
    }
  }

  @Override
  public void putContext(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public void clearContext() {
    MDC.clear();
  }

  @Override
  public void stop() {
    context.stop();
  }

  @Override
  public List<String> statusLines() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getMessage().startsWith("Panicwatch ["))
        .map(status -> LEVELS[status.getLevel()] + " " + status.getMessage())
        .toList();
  }

  /** Logback's status levels by number: INFO 0, WARN 1, ERROR 2. */
  private static final String[] LEVELS = {"INFO", "WARN", "ERROR"};
}
