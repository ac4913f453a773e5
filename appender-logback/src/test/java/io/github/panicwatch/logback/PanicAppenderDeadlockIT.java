package io.github.panicwatch.logback;

import io.github.panicwatch.testing.DeadlockScenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The deadlock scenarios on Logback, configured through a real {@code logback.xml} (issue 18). */
class PanicAppenderDeadlockIT extends DeadlockScenarios {
  @Override
  protected Class<?> child() {
    return DeadlockingChild.class;
  }

  @Override
  protected Path configuration(Path dir, Map<String, String> options) throws IOException {
    StringBuilder xml = new StringBuilder("<configuration>\n")
        .append("  <appender name=\"PANIC\" class=\"").append(PanicAppender.class.getName()).append("\">\n");
    options.forEach((name, value) -> xml.append("    <").append(name).append('>').append(value).append("</").append(name).append(">\n"));
    xml.append("  </appender>\n  <root level=\"INFO\"><appender-ref ref=\"PANIC\"/></root>\n</configuration>\n");
    return Files.writeString(dir.resolve("logback.xml"), xml, StandardCharsets.UTF_8);
  }
}
