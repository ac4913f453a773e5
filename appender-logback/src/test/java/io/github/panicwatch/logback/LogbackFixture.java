package io.github.panicwatch.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import java.util.Map;

/** A fresh Logback context configured from a test resource, as a user's logback.xml would be. */
final class LogbackFixture implements AutoCloseable {
  final LoggerContext context = new LoggerContext();

  LogbackFixture(Class<?> testClass, String variant, Map<String, String> properties) throws JoranException {
    context.setName(testClass.getSimpleName() + "-" + variant);
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL resource = testClass.getResource(testClass.getSimpleName() + "-" + variant + ".xml");
    if (resource == null) {
      throw new IllegalArgumentException("no test configuration " + variant);
    }
    configurator.doConfigure(resource);
  }

  /** A context configured from {@code file}, a logback.xml written by the test. */
  LogbackFixture(java.nio.file.Path file) throws JoranException {
    context.setName(file.getFileName().toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(file.toFile());
  }

  PanicAppender appender() {
    return (PanicAppender) context.getLogger("ROOT").getAppender("PANIC");
  }

  List<String> statusMessages(int level) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getLevel() == level)
        .map(Status::getMessage)
        .toList();
  }

  List<String> errors() {
    return statusMessages(Status.ERROR);
  }

  List<String> infos() {
    return statusMessages(Status.INFO);
  }

  @Override
  public void close() {
    context.stop();
  }
}
