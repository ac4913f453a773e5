package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.select.Severity;
import org.apache.logging.log4j.core.LogEvent;

/**
 * For the slot-write benchmark: the Log4j2 adapter's own breadcrumb write, reached through the
 * adapter's package (this class shares it in the benchmarks jar, as {@link AppenderFlush} does), so
 * the benchmark measures {@code Log4j2Breadcrumbs.write} itself rather than a copy of its calls.
 */
public final class BreadcrumbWrite {
  private BreadcrumbWrite() {}

  public static void write(BreadcrumbRing ring, LogEvent event) {
    Log4j2Breadcrumbs.write(ring, event, Severity.INFO);
  }
}
