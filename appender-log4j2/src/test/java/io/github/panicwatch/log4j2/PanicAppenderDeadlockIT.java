package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.DeadlockScenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The deadlock scenarios on Log4j2, configured through a real {@code log4j2.xml} (issue 18). */
class PanicAppenderDeadlockIT extends DeadlockScenarios {
  @Override
  protected Class<?> child() {
    return DeadlockingChild.class;
  }

  @Override
  protected Path configuration(Path dir, Map<String, String> options) throws IOException {
    StringBuilder xml = new StringBuilder("<Configuration status=\"WARN\">\n  <Appenders>\n    <Panicwatch name=\"PANIC\"");
    options.forEach((name, value) -> xml.append("\n        ").append(name).append("=\"").append(value).append('"'));
    xml.append("/>\n  </Appenders>\n  <Loggers><Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/></Root></Loggers>\n</Configuration>\n");
    return Files.writeString(dir.resolve("log4j2.xml"), xml, StandardCharsets.UTF_8);
  }
}
