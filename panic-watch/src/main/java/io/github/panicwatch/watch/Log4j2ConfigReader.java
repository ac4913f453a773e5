package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.OptionTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Reads the {@code <Panicwatch …>} appender out of the service's {@code log4j2.xml} without starting
 * Log4j2, for the same reason {@link LogbackConfigReader} does not start Logback. It understands
 * what the appender's options need: {@code <Properties><Property name=…>}, the lookups {@code
 * ${env:X:-default}}, {@code ${sys:X:-default}} and {@code ${name}}, the element's attributes
 * (repeatable ones comma-separated) and its {@code <Tag>} and {@code <Scrub>} children (with their
 * {@code <KeyRule>} and {@code <ValueRule>}), all bound through the core's {@link OptionTables} as
 * the Log4j2 adapter binds them. Names match ignoring case, as in Log4j2.
 */
final class Log4j2ConfigReader {
  static final String ELEMENT = "Panicwatch";
  /** Attributes every Log4j2 appender has; not Panicwatch options. */
  private static final List<String> APPENDER_ATTRIBUTES = List.of("name", "ignoreexceptions");

  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;

  Log4j2ConfigReader(Function<String, String> systemProperties, Function<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /**
   * @param root the file's root element, as {@link ConfigFileReader} parsed it
   * @param appenderName the appender's {@code name}, or {@code null} for the first Panicwatch appender
   */
  AppenderSettings read(Element root, Path file, String appenderName) {
    Map<String, String> properties = new HashMap<>();
    PropertySubstitution substitution = new PropertySubstitution(name -> lookup(name, properties));
    List<Element> appenders = new ArrayList<>();
    for (Element element : XmlFile.children(root)) {
      if (is(element, "Properties")) {
        for (Element property : XmlFile.children(element)) {
          if (is(property, "Property") && !property.getAttribute("name").isBlank()) {
            // Log4j2 takes the value from the attribute or the body; it is substituted when used
            String value = property.hasAttribute("value") ? property.getAttribute("value") : property.getTextContent();
            properties.put(property.getAttribute("name").trim(), value);
          }
        }
      } else if (is(element, "Appenders")) {
        appenders.addAll(XmlFile.children(element));
      }
    }
    for (Element appender : appenders) {
      if (is(appender, ELEMENT)
          && (appenderName == null || appenderName.equals(substitution.substitute(appender.getAttribute("name"))))) {
        PanicwatchOptions options = new PanicwatchOptions();
        List<String> problems = new ArrayList<>();
        bind(appender, options, OptionTables.APPENDER, substitution, problems);
        return new AppenderSettings(
            substitution.substitute(appender.getAttribute("name")), true, options, Map.of(), problems);
      }
    }
    return new AppenderSettings(
        null,
        false,
        new PanicwatchOptions(),
        Map.of(),
        List.of("No <" + ELEMENT + "> appender" + (appenderName == null ? "" : " named [" + appenderName + "]")
            + " in " + file));
  }

  /** Attributes are text options of {@code target}; child elements are its nested beans. */
  private static <T> void bind(
      Element element, T target, OptionTable<T> binder, PropertySubstitution substitution, List<String> problems) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String written = attribute.getName();
      if (binder == OptionTables.APPENDER && APPENDER_ATTRIBUTES.contains(written.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String name = binder.canonicalName(written);
      for (ConfigProblem problem :
          binder.bindAttribute(target, name == null ? written : name, substitution.substitute(attribute.getValue()))) {
        problems.add(problem.message());
      }
    }
    for (Element child : XmlFile.children(element)) {
      String name = binder.canonicalName(child.getTagName());
      OptionTable.Nested<T, ?> nested = name == null ? null : binder.nested(name);
      if (nested != null) {
        bindNested(child, target, nested, substitution, problems);
      } else if (!child.getTagName().toLowerCase(Locale.ROOT).endsWith("filter")
          && !child.getTagName().toLowerCase(Locale.ROOT).endsWith("filters")) { // filters are Log4j2's
        problems.add("Unknown element <" + child.getTagName() + "> in <" + element.getTagName() + ">; it was ignored");
      }
    }
  }

  private static <P, C> void bindNested(
      Element element, P parent, OptionTable.Nested<P, C> nested, PropertySubstitution substitution, List<String> problems) {
    C child = nested.table().create();
    bind(element, child, nested.table(), substitution, problems);
    nested.attach().accept(parent, child);
  }

  private String lookup(String name, Map<String, String> properties) {
    if (name.startsWith("env:")) {
      return environment.apply(name.substring(4));
    }
    if (name.startsWith("sys:")) {
      return systemProperties.apply(name.substring(4));
    }
    return properties.get(name);
  }

  private static boolean is(Element element, String name) {
    return element.getTagName().equalsIgnoreCase(name);
  }
}
