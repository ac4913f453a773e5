package io.github.panicwatch.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.github.panicwatch.core.FrameworkEvents;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.EventReader;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;

/**
 * Translates Logback's events into the core's neutral terms. Decides nothing: the core's selector
 * does, from what this says.
 *
 * <p>Logback's events never change once their thread name and MDC are fixed, so a breadcrumb is
 * the event itself, kept whole: one reference store, no copy (issue 6: the event is the only
 * allocation, and Logback made it). It is read only at a panic, by {@link #reader()}.
 */
final class LogbackEvents implements FrameworkEvents<ILoggingEvent, Marker> {

  /**
   * Reads an event the ring kept whole. {@link #writeBreadcrumb} fixed its thread name and MDC at
   * the log call; the message is formatted here, at the panic (or was at the call, eagerly).
   */
  private static final EventReader READER =
      new EventReader() {
        @Override
        public long epochNanos(Object event) {
          return LogbackEvents.epochNanos((ILoggingEvent) event);
        }

        @Override
        public RecordedLine read(Object kept) {
          ILoggingEvent event = (ILoggingEvent) kept;
          return new RecordedLine(
              LogbackEvents.epochNanos(event),
              severityOf(event.getLevel()),
              event.getLoggerName(),
              event.getThreadName(),
              formattedMessage(event),
              mdc(event));
        }
      };

  private final boolean eagerFormatting;

  /** @param eagerFormatting format each breadcrumb's message at the log call, not at the panic */
  LogbackEvents(boolean eagerFormatting) {
    this.eagerFormatting = eagerFormatting;
  }

  @Override
  public Severity severity(ILoggingEvent event) {
    return severityOf(event.getLevel());
  }

  /** Logback has no FATAL level: only markers and thresholds make its events panics. */
  @Override
  public boolean isFatalLevel(ILoggingEvent event) {
    return false;
  }

  @Override
  public int markerCount(ILoggingEvent event) {
    List<Marker> markers = event.getMarkerList();
    return markers == null ? 0 : markers.size();
  }

  @Override
  public Marker marker(ILoggingEvent event, int index) {
    return event.getMarkerList().get(index);
  }

  @Override
  public String markerName(Marker marker) {
    return marker.getName();
  }

  @Override
  public Iterable<Marker> relatedMarkers(Marker marker) {
    if (!marker.hasReferences()) {
      return null;
    }
    return marker::iterator;
  }

  /**
   * Makes the event compute now what it would otherwise compute later from whichever thread asks:
   * the thread name and the MDC (and, with eager formatting, the message). After this the event no
   * longer changes, and the ring keeps it instead of copying its fields.
   */
  @Override
  public void writeBreadcrumb(ILoggingEvent event, Severity level, BreadcrumbRing ring) {
    event.getThreadName();
    mdc(event);
    if (eagerFormatting) {
      formattedMessage(event);
    }
    ring.keep(event);
  }

  @Override
  public PanicRecord panic(ILoggingEvent event, Severity level) {
    String threadName = event.getThreadName();
    Thread current = Thread.currentThread();
    return new PanicRecord(
        event.getInstant(),
        level,
        event.getLoggerName(),
        // behind an AsyncAppender this runs on its worker: Logback's event keeps the logging thread's
        // name but not its id, so the exception carries no thread id rather than the worker's (issue 12)
        current.getName().equals(threadName) ? current : null,
        threadName,
        event.getFormattedMessage(),
        throwable(event),
        mdc(event),
        true,
        event.getMessage());
  }

  @Override
  public EventReader reader() {
    return READER;
  }

  private static String formattedMessage(ILoggingEvent event) {
    try {
      return event.getFormattedMessage();
    } catch (RuntimeException e) {
      // an argument's toString() failed; the template still tells what was logged
      return event.getMessage();
    }
  }

  static Severity severityOf(Level level) {
    return switch (level.toInt()) {
      case Level.TRACE_INT -> Severity.TRACE;
      case Level.DEBUG_INT -> Severity.DEBUG;
      case Level.INFO_INT -> Severity.INFO;
      case Level.WARN_INT -> Severity.WARN;
      case Level.ERROR_INT -> Severity.ERROR;
      default -> level.toInt() > Level.ERROR_INT ? Severity.FATAL : Severity.TRACE;
    };
  }

  static long epochNanos(ILoggingEvent event) {
    Instant instant = event.getInstant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /**
   * The event's MDC: Logback's copy-on-write map, so the reference is a snapshot of the call. A
   * context without an MDC adapter makes Logback throw here; that must not cost the panic.
   */
  static Map<String, String> mdc(ILoggingEvent event) {
    try {
      return event.getMDCPropertyMap();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private static Throwable throwable(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    return proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
  }
}
