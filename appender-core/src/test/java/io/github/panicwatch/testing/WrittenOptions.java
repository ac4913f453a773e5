package io.github.panicwatch.testing;

import io.github.panicwatch.core.config.OptionTables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appender options as a test gives them, by path ({@code maxBreadcrumbs}, {@code proxy.port} for
 * {@code port} of the nested {@code <proxy>}), written the way each configuration file writes them:
 * Logback one element per value (a repeatable option's comma-separated entries each an element of
 * its own) with nested elements around theirs, Log4j2 attributes (repeatable ones comma-separated)
 * and a capitalised element per nested one. The adapters' harnesses and {@link ConfigurationCases}
 * write their files through this.
 *
 * @param values the appender's own options, in order
 * @param elements each nested element's options, by the element's name, in order
 */
public record WrittenOptions(Map<String, String> values, Map<String, Map<String, String>> elements) {

  /** Splits {@code paths} into the appender's own options and those of its nested elements. */
  public static WrittenOptions of(Map<String, String> paths) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Map<String, String>> elements = new LinkedHashMap<>();
    paths.forEach((path, value) -> {
      int dot = path.indexOf('.');
      if (dot < 0) {
        values.put(path, value);
      } else {
        elements.computeIfAbsent(path.substring(0, dot), name -> new LinkedHashMap<>()).put(path.substring(dot + 1), value);
      }
    });
    return new WrittenOptions(values, elements);
  }

  /** The appender's body in a {@code logback.xml}, each element on a line of its own. */
  public String logbackElements(String indent) {
    StringBuilder xml = new StringBuilder();
    values.forEach((name, value) -> {
      String[] entries = OptionTables.APPENDER.isRepeatable(name) ? value.split("\\s*,\\s*", -1) : new String[] {value};
      for (String entry : entries) {
        xml.append(indent).append(element(name, entry)).append('\n');
      }
    });
    elements.forEach((name, options) -> {
      xml.append(indent).append('<').append(name).append('>');
      options.forEach((option, value) -> xml.append(element(option, value)));
      xml.append("</").append(name).append(">\n");
    });
    return xml.toString();
  }

  /** The appender's options as the attributes of {@code <Panicwatch …>}, each with a space before it. */
  public String log4j2Attributes() {
    return attributes(values);
  }

  /** The appender's nested elements in a {@code log4j2.xml}: {@code <Proxy host="…" port="…"/>}. */
  public String log4j2Elements() {
    StringBuilder xml = new StringBuilder();
    elements.forEach((name, options) -> xml.append('<').append(log4j2Name(name)).append(attributes(options)).append("/>"));
    return xml.toString();
  }

  /** A nested element's name as Log4j2 configurations write it: {@code proxy} is {@code Proxy}. */
  public static String log4j2Name(String element) {
    return Character.toUpperCase(element.charAt(0)) + element.substring(1);
  }

  private static String attributes(Map<String, String> options) {
    StringBuilder xml = new StringBuilder();
    options.forEach((name, value) -> xml.append(' ').append(name).append("=\"").append(escape(value)).append('"'));
    return xml.toString();
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + escape(value) + "</" + name + ">";
  }

  /** {@code text} as XML element content or attribute value. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
