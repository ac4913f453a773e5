package io.github.panicwatch.log4j2;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * A reference for suite 1 on Log4j2: an appender that only copies each event's message at the call,
 * through the Log4j2 adapter's own {@code Log4j2Events.formatInto}, into one reused buffer, and
 * keeps nothing else (no selection, no slot, no fields, no context). Issue 17 asks for the message
 * formatted at the call, so this is the least any breadcrumb that honours it can cost; what
 * Panicwatch costs over it is the ring's own bookkeeping. Not thread-safe: one logging thread only,
 * as in the suite. In the adapter's package, as {@link BreadcrumbWrite} is, to reach that method.
 */
public final class MessageCopyAppender extends AbstractAppender {
  /** The name the fixture gives it. */
  public static final String NAME = "COPY";

  private final StringBuilder text = new StringBuilder(256);

  public MessageCopyAppender() {
    super(NAME, null, null, true, Property.EMPTY_ARRAY);
  }

  @Override
  public void append(LogEvent event) {
    text.setLength(0);
    Log4j2Events.formatInto(event.getMessage(), text);
  }
}
