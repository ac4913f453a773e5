package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.OptionTable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * Reads the Panicwatch appender's settings out of the service's {@code logback.xml} without
 * starting Logback: the watcher must not run a second appender (with its own uncaught handler and
 * shutdown hook) of the process it watches. It understands what the appender's options need:
 * {@code <property>}/{@code <variable>} (plain and {@code scope="context"}), Logback's own {@code
 * HOSTNAME}, {@code ${NAME:-default}} substitution, and the appender's elements, nested ones ({@code <tag>}, {@code <scrub>},
 * {@code <keyRule>}, ...) included, bound through the core's {@link OptionTables} as Joran binds
 * the appender's setters. Anything else in the file is Logback's business and is ignored. A variable
 * nothing defines is left as {@code ${NAME}}, which the core's start-up reports.
 */
final class LogbackConfigReader {
  static final String APPENDER_CLASS = "io.github.panicwatch.logback.PanicAppender";

  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;

  LogbackConfigReader(Function<String, String> systemProperties, Function<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /**
   * @param root the file's root element, as {@link ConfigFileReader} parsed it
   * @param appenderName the appender's {@code name}, or {@code null} for the first Panicwatch appender
   */
  AppenderSettings read(Element root, Path file, String appenderName) {
    PanicwatchOptions options = new PanicwatchOptions();
    Map<String, String> local = new HashMap<>();
    Map<String, String> context = new HashMap<>();
    List<String> problems = new ArrayList<>();
    PropertySubstitution substitution =
        new PropertySubstitution(
            name -> firstSet(
                local.get(name), context.get(name), builtIn(name), systemProperties.apply(name), environment.apply(name)));
    for (Element element : XmlFile.children(root)) {
      String tag = element.getTagName();
      if (tag.equals("property") || tag.equals("variable")) {
        String name = element.getAttribute("name");
        if (!name.isBlank() && element.hasAttribute("value")) {
          String value = substitution.substitute(element.getAttribute("value"));
          ("context".equalsIgnoreCase(element.getAttribute("scope")) ? context : local).put(name.trim(), value);
        }
      } else if (tag.equals("appender")
          && APPENDER_CLASS.equals(element.getAttribute("class").trim())
          && (appenderName == null || appenderName.equals(element.getAttribute("name")))) {
        bindElements(element, options, OptionTables.APPENDER, substitution, problems);
        return new AppenderSettings(element.getAttribute("name"), true, options, context, problems);
      }
    }
    problems.add(
        "No appender of class " + APPENDER_CLASS
            + (appenderName == null ? "" : " named [" + appenderName + "]") + " in " + file);
    return new AppenderSettings(null, false, options, context, problems);
  }

  /** Each child element is an option of {@code target}: a nested bean, or text for a setter. */
  private static <T> void bindElements(
      Element parent, T target, OptionTable<T> binder, PropertySubstitution substitution, List<String> problems) {
    for (Element element : XmlFile.children(parent)) {
      String name = element.getTagName();
      OptionTable.Nested<T, ?> nested = binder.nested(name);
      if (nested != null) {
        bindNested(element, target, nested, substitution, problems);
      } else {
        ConfigProblem problem = binder.bind(target, name, substitution.substitute(element.getTextContent().trim()));
        if (problem != null) {
          problems.add(problem.message());
        }
      }
    }
  }

  private static <P, C> void bindNested(
      Element element, P parent, OptionTable.Nested<P, C> nested, PropertySubstitution substitution, List<String> problems) {
    C child = nested.table().create();
    bindElements(element, child, nested.table(), substitution, problems);
    nested.attach().accept(parent, child);
  }

  /**
   * Logback's own context property: {@code HOSTNAME} (any case), the local host's name, which
   * Logback defines for every configuration ({@code <serverName>${HOSTNAME}</serverName>}, issue 15).
   * Looked up only when a file names it; the child runs on this host, so the name is the same.
   */
  private static String builtIn(String name) {
    if (!name.equalsIgnoreCase("HOSTNAME")) {
      return null;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "UNKNOWN_LOCALHOST"; // Logback's word when the name cannot be had
    }
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
