package io.github.panicwatch.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.github.panicwatch.core.breadcrumbs.EventReader;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.PanicSelector;
import io.github.panicwatch.core.select.Severity;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;

/** Translates Logback's events into the core's neutral terms. Decides nothing. */
final class LogbackEvents {
  /** References of references: deep enough for any real marker graph, and a stop for cycles. */
  private static final int MAX_MARKER_DEPTH = 8;

  /**
   * Reads an event the ring kept whole. {@link #fixForKeeping} ran on it at the log call, so its
   * thread name and MDC are those of the call; the message is formatted here, at the panic.
   */
  static final EventReader READER =
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
              severity(event.getLevel()),
              event.getLoggerName(),
              event.getThreadName(),
              formattedMessage(event),
              mdc(event));
        }
      };

  private LogbackEvents() {}

  /**
   * Makes the event compute now what it would otherwise compute later from whichever thread asks:
   * the thread name and the MDC (and, with eager formatting, the message). After this the event no
   * longer changes, and the ring can keep it instead of copying its fields.
   */
  static void fixForKeeping(ILoggingEvent event, boolean eagerFormatting) {
    event.getThreadName();
    mdc(event);
    if (eagerFormatting) {
      formattedMessage(event);
    }
  }

  private static String formattedMessage(ILoggingEvent event) {
    try {
      return event.getFormattedMessage();
    } catch (RuntimeException e) {
      // an argument's toString() failed; the template still tells what was logged
      return event.getMessage();
    }
  }

  static Severity severity(Level level) {
    return switch (level.toInt()) {
      case Level.TRACE_INT -> Severity.TRACE;
      case Level.DEBUG_INT -> Severity.DEBUG;
      case Level.INFO_INT -> Severity.INFO;
      case Level.WARN_INT -> Severity.WARN;
      case Level.ERROR_INT -> Severity.ERROR;
      default -> level.toInt() > Level.ERROR_INT ? Severity.FATAL : Severity.TRACE;
    };
  }

  /** True when the event, or a reference of one of its markers, names a panic marker. */
  static boolean carriesPanicMarker(ILoggingEvent event, PanicSelector selector) {
    List<Marker> markers = event.getMarkerList();
    if (markers == null) {
      return false;
    }
    for (Marker marker : markers) {
      if (isPanicMarker(marker, selector, 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPanicMarker(Marker marker, PanicSelector selector, int depth) {
    if (marker == null || depth > MAX_MARKER_DEPTH) {
      return false;
    }
    if (selector.isPanicMarker(marker.getName())) {
      return true;
    }
    if (marker.hasReferences()) {
      for (Iterator<Marker> references = marker.iterator(); references.hasNext(); ) {
        if (isPanicMarker(references.next(), selector, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  static long epochNanos(ILoggingEvent event) {
    Instant instant = event.getInstant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  static PanicRecord panic(ILoggingEvent event, Severity level) {
    return new PanicRecord(
        event.getInstant(),
        level,
        event.getLoggerName(),
        Thread.currentThread(),
        event.getThreadName(),
        event.getFormattedMessage(),
        throwable(event),
        mdc(event),
        true,
        event.getMessage());
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
