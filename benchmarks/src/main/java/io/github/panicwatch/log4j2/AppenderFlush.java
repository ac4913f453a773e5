package io.github.panicwatch.log4j2;

/**
 * For the panic-capture benchmark: waits until every panic a Log4j2 {@link PanicAppender} captured
 * has been built, scrubbed and handed to the SDK's transport, as the Logback one beside it does. It
 * reaches the running engine through the appender's package-private accessor (this class shares the
 * adapter's package in the benchmarks jar), so the main code carries no benchmark-only API.
 */
public final class AppenderFlush {
  private AppenderFlush() {}

  public static void flush(PanicAppender appender) {
    appender.panicwatch().flush();
  }
}
