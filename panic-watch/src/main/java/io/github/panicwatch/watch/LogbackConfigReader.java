package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.scrub.ScrubOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the Panicwatch appender's settings out of the service's {@code logback.xml} without
 * starting Logback: the watcher must not run a second appender (with its own uncaught handler and
 * shutdown hook) of the process it watches. It understands what the appender's options need:
 * {@code <property>}/{@code <variable>} (plain and {@code scope="context"}), {@code ${NAME:-default}}
 * substitution, the appender's elements (through {@link OptionBinder}), {@code <tag>} and
 * {@code <scrub>}. Anything else in the file is Logback's business and is ignored.
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
   * What the file says about the appender.
   *
   * @param options the appender's options as written
   * @param contextProperties properties declared with {@code scope="context"}, for {@code enableSentry}
   * @param problems what was ignored or could not be read; a non-empty list with no appender found
   *     means the file is unusable
   */
  record AppenderSettings(
      boolean found,
      PanicwatchOptions options,
      Map<String, String> contextProperties,
      List<String> problems) {}

  /**
   * @param appenderName the appender's {@code name}, or {@code null} for the first Panicwatch appender
   */
  AppenderSettings read(Path file, String appenderName) {
    PanicwatchOptions options = new PanicwatchOptions();
    Map<String, String> local = new HashMap<>();
    Map<String, String> context = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (IOException | SAXException | ParserConfigurationException e) {
      problems.add("Cannot read " + file + ": " + e.getMessage());
      return new AppenderSettings(false, options, context, problems);
    }
    PropertySubstitution substitution =
        new PropertySubstitution(
            name -> firstSet(local.get(name), context.get(name), systemProperties.apply(name), environment.apply(name)));
    for (Element element : children(root)) {
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
        bindAppender(element, options, substitution, problems);
        return new AppenderSettings(true, options, context, problems);
      }
    }
    problems.add(
        "No appender of class " + APPENDER_CLASS
            + (appenderName == null ? "" : " named [" + appenderName + "]") + " in " + file);
    return new AppenderSettings(false, options, context, problems);
  }

  private static void bindAppender(
      Element appender, PanicwatchOptions options, PropertySubstitution substitution, List<String> problems) {
    for (Element element : children(appender)) {
      String name = element.getTagName();
      if (name.equals("tag")) {
        OptionBinder.addTag(
            options, childText(element, "name", substitution), childText(element, "value", substitution));
      } else if (name.equals("scrub")) {
        ScrubOptions scrub = new ScrubOptions();
        for (Element rule : children(element)) {
          addProblem(problems, OptionBinder.bindScrub(scrub, rule.getTagName(), text(rule, substitution)));
        }
        options.setScrub(scrub);
      } else {
        addProblem(problems, OptionBinder.bind(options, name, text(element, substitution)));
      }
    }
  }

  private static void addProblem(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  private static String childText(Element parent, String name, PropertySubstitution substitution) {
    for (Element child : children(parent)) {
      if (child.getTagName().equals(name)) {
        return text(child, substitution);
      }
    }
    return null;
  }

  /** The body as Logback sees it: trimmed, then substituted. */
  private static String text(Element element, PropertySubstitution substitution) {
    return substitution.substitute(element.getTextContent().trim());
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
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
