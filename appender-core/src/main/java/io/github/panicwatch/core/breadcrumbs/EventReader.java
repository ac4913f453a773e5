package io.github.panicwatch.core.breadcrumbs;

/**
 * Reads a framework event that the {@link BreadcrumbRing} kept whole, at snapshot time. Supplied by
 * adapters whose events are immutable once logged (Logback's {@code LoggingEvent}): keeping the
 * event is one reference store on the log call, where copying its fields is several; see the
 * README's "Performance" section. Adapters whose events are reused (Log4j2) copy each line into a
 * slot instead ({@link BreadcrumbRing#ofSlots}).
 */
public interface EventReader {

  /** When the event was logged, nanoseconds since the epoch. */
  long epochNanos(Object event);

  /**
   * The line as it was at the log call; the message is rendered here.
   *
   * @throws RuntimeException if the event cannot be read; the snapshot then leaves the line out
   */
  RecordedLine read(Object event);
}
