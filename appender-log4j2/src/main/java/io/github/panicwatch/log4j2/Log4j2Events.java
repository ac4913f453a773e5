package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.FrameworkEvents;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.spi.StandardLevel;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * Translates Log4j2's events into the core's neutral terms. Decides nothing: the core's selector
 * does, from what this says.
 *
 * <p>Log4j2 reuses events, messages and parameter arrays ({@code MutableLogEvent},
 * {@code RingBufferLogEvent}, {@code ReusableParameterizedMessage}): once {@code append} returns, the
 * next log call on the thread (or the next lap of the async ring) overwrites them. So every method
 * here copies values out at the call, and nothing keeps a reference to the event, its message, its
 * parameters or its context data.
 */
final class Log4j2Events implements FrameworkEvents<LogEvent, Marker> {
  static final Log4j2Events INSTANCE = new Log4j2Events();

  private static final TriConsumer<String, Object, Map<String, String>> COPY =
      (key, value, copy) -> copy.put(key, String.valueOf(value));

  private Log4j2Events() {}

  @Override
  public Severity severity(LogEvent event) {
    return severityOf(event.getLevel());
  }

  /** Log4j2 has a real FATAL level (and custom levels as severe): the framework calls the event fatal. */
  @Override
  public boolean isFatalLevel(LogEvent event) {
    return event.getLevel().intLevel() <= StandardLevel.FATAL.intLevel();
  }

  @Override
  public int markerCount(LogEvent event) {
    return event.getMarker() == null ? 0 : 1;
  }

  @Override
  public Marker marker(LogEvent event, int index) {
    return event.getMarker();
  }

  @Override
  public String markerName(Marker marker) {
    return marker.getName();
  }

  @Override
  public Iterable<Marker> relatedMarkers(Marker marker) {
    return marker.hasParents() ? Arrays.asList(marker.getParents()) : null;
  }

  /**
   * Copies the line into one of the ring's slots, allocating nothing (issue 17): the event, its
   * message and its context data are reused after the call. No {@link #reader()}: so the engine
   * makes a ring of slots.
   */
  @Override
  public void writeBreadcrumb(LogEvent event, Severity level, BreadcrumbRing ring) {
    Log4j2Breadcrumbs.write(ring, event, level);
  }

  @Override
  public PanicRecord panic(LogEvent event, Severity level) {
    Instant instant = event.getInstant();
    Thread current = Thread.currentThread();
    @SuppressWarnings("deprecation") // Thread.getId() is what Log4j2 recorded as getThreadId()
    boolean onCallingThread = event.getThreadId() == current.getId();
    return new PanicRecord(
        java.time.Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond()),
        level,
        event.getLoggerName(),
        // under AsyncLogger/AsyncAppender this runs on Log4j2's thread, not the one that logged
        onCallingThread ? current : null,
        event.getThreadName(),
        formattedMessage(event),
        event.getThrown(),
        contextData(event),
        true,
        template(event));
  }

  static Severity severityOf(Level level) {
    int value = level.intLevel(); // smaller is more severe; custom levels fall between the standard ones
    if (value <= StandardLevel.FATAL.intLevel()) {
      return Severity.FATAL;
    } else if (value <= StandardLevel.ERROR.intLevel()) {
      return Severity.ERROR;
    } else if (value <= StandardLevel.WARN.intLevel()) {
      return Severity.WARN;
    } else if (value <= StandardLevel.INFO.intLevel()) {
      return Severity.INFO;
    } else if (value <= StandardLevel.DEBUG.intLevel()) {
      return Severity.DEBUG;
    }
    return Severity.TRACE;
  }

  static long epochNanos(LogEvent event) {
    Instant instant = event.getInstant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond();
  }

  /** The finished message as a new String, for a panic. */
  static String formattedMessage(LogEvent event) {
    StringBuilder text = new StringBuilder();
    formatInto(event.getMessage(), text);
    return text.toString();
  }

  /**
   * Appends the finished message: a {@link StringBuilderFormattable} message (every reusable one)
   * formats itself into the text without garbage. If formatting fails (an argument's {@code
   * toString()} threw), the message as written at the call stands in, as in the Logback adapter.
   */
  static void formatInto(Message message, StringBuilder text) {
    if (message == null) {
      return;
    }
    int start = text.length();
    try {
      if (message instanceof StringBuilderFormattable formattable) {
        formattable.formatTo(text);
      } else {
        text.append(message.getFormattedMessage());
      }
    } catch (RuntimeException e) {
      text.setLength(start);
      text.append(message.getFormat());
    }
  }

  /**
   * A copy of the event's context data (ThreadContext map) in its own order; an empty context
   * costs nothing. The event's map is reused with the event, so its reference is never kept.
   */
  static Map<String, String> contextData(LogEvent event) {
    ReadOnlyStringMap data = event.getContextData();
    if (data == null || data.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(data.size() * 2);
    data.forEach(COPY, copy);
    return copy;
  }

  /**
   * The message as written at the call, {@code "order {} failed"}: the crash-loop guard groups
   * panics without a throwable by it, as it does for Logback. A format string is immutable, so
   * reading it from a reused message at the call is safe.
   */
  static String template(LogEvent event) {
    Message message = event.getMessage();
    return message == null ? null : message.getFormat();
  }
}
