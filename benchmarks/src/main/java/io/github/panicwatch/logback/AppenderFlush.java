package io.github.panicwatch.logback;

/**
 * For the panic-capture benchmark: waits until every panic a {@link PanicAppender} captured has
 * been built, scrubbed and handed to the SDK's transport, so one benchmark operation is one panic's
 * whole journey through the path the adapter really takes. It reaches the running engine through
 * the appender's package-private accessor (this class shares the adapter's package in the
 * benchmarks jar), so the main code carries no benchmark-only API.
 */
public final class AppenderFlush {
  private AppenderFlush() {}

  public static void flush(PanicAppender appender) {
    appender.panicwatch().flush();
  }
}
