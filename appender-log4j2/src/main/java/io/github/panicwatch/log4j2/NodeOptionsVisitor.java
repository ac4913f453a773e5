package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.option.Option;
import io.github.panicwatch.core.option.OptionTable;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.visitors.AbstractPluginVisitor;

/**
 * Binds a configuration node into a core bean through the core's option table, as the watcher's
 * Log4j2 reader binds the same file: each attribute the table declares (names match ignoring case,
 * as in Log4j2) is substituted as Log4j2 substitutes attributes and stored as text; each child
 * element the table declares, which Log4j2 has built already, is attached. What it takes it
 * removes from the node, so Log4j2 still reports what nobody took (an unknown attribute) and still
 * hands the appender's own attributes and elements ({@code name}, filters) to their visitors.
 *
 * <p>Only stores text: the core parses and validates it all at the appender's start, so a value
 * that does not parse is an error there, in the same words as in Logback and the watcher.
 */
public final class NodeOptionsVisitor extends AbstractPluginVisitor<NodeOptions> {

  /** Log4j2 makes visitors reflectively. */
  public NodeOptionsVisitor() {
    super(NodeOptions.class);
  }

  @Override
  public Object visit(Configuration configuration, Node node, LogEvent event, StringBuilder log) {
    OptionTable<?> table =
        annotation.element() ? OptionTables.APPENDER.elementTable(node.getName()) : OptionTables.APPENDER;
    if (table == null) {
      return null; // an element name Panicwatch does not declare: Log4j2 reports the node as unused
    }
    return bind(table, node, event, log);
  }

  private <B> B bind(OptionTable<B> table, Node node, LogEvent event, StringBuilder log) {
    B bean = table.create();
    String separator = ""; // Log4j2 wrote the one before this field's entries
    for (String written : List.copyOf(node.getAttributes().keySet())) {
      String name = table.canonicalName(written);
      Option<?> option = name == null ? null : table.option(name);
      if (option != null) {
        String value = substitutor.replace(event, node.getAttributes().remove(written));
        table.bindAttribute(bean, name, value);
        log.append(separator).append(name).append("=\"").append(option.isSensitive() ? "*****" : value).append('"');
        separator = ", ";
      }
    }
    for (Node child : List.copyOf(node.getChildren())) {
      String name = table.canonicalName(child.getName());
      OptionTable.Nested<B, ?> nested = name == null ? null : table.nested(name);
      if (nested != null && nested.table().type().isInstance(child.getObject())) {
        nested.attachBean(bean, child.getObject());
        node.getChildren().remove(child);
      }
    }
    return bean;
  }
}
