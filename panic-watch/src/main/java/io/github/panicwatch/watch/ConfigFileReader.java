package io.github.panicwatch.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * Reads the appender's settings from the file given with {@code --config}, a {@code logback.xml}
 * or a {@code log4j2.xml}, told apart by the root element: Logback's is {@code <configuration>},
 * Log4j2's {@code <Configuration>} (Log4j2 also accepts it in lower case; then its {@code
 * <Appenders>} child gives it away).
 */
final class ConfigFileReader {
  private final LogbackConfigReader logback;
  private final Log4j2ConfigReader log4j2;

  ConfigFileReader(Function<String, String> systemProperties, Function<String, String> environment) {
    this.logback = new LogbackConfigReader(systemProperties, environment);
    this.log4j2 = new Log4j2ConfigReader(systemProperties, environment);
  }

  /** @param appenderName the appender's {@code name}, or {@code null} for the first Panicwatch appender */
  AppenderSettings read(Path file, String appenderName) {
    Element root;
    try {
      root = XmlFile.root(file);
    } catch (IOException e) {
      return AppenderSettings.unusable("Cannot read " + file + ": " + e.getMessage());
    }
    return isLog4j2(root) ? log4j2.read(root, file, appenderName) : logback.read(root, file, appenderName);
  }

  static boolean isLog4j2(Element root) {
    if (root.getTagName().equals("Configuration")) {
      return true;
    }
    return root.getTagName().equals("configuration")
        && XmlFile.children(root).stream().anyMatch(child -> child.getTagName().equalsIgnoreCase("Appenders"));
  }
}
