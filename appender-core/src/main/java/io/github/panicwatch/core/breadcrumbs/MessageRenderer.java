package io.github.panicwatch.core.breadcrumbs;

/**
 * Renders a message template with its arguments, the way the logging framework would. Supplied by
 * the adapter, so the ring can defer formatting until a panic actually needs the text.
 */
@FunctionalInterface
public interface MessageRenderer {

  /** Leaves the template alone: for adapters that hand the ring finished messages. */
  MessageRenderer VERBATIM = (template, arguments) -> template;

  /**
   * @param template the message as written at the log call, e.g. {@code "user {} logged in"}
   * @param arguments the call's arguments; may be {@code null} or empty
   * @return the finished message
   */
  String render(String template, Object[] arguments);
}
