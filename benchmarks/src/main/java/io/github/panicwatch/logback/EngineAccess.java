package io.github.panicwatch.logback;

import io.github.panicwatch.core.Panicwatch;

/**
 * Benchmarks only: the running engine of a Logback {@link PanicAppender}, which the appender keeps
 * package-private. This class sits in the adapter's package inside the benchmarks jar, so the panic
 * benchmark can measure a panic's whole cost on one thread against the ring the appender itself
 * filled, through its real breadcrumb path.
 */
public final class EngineAccess {
  private EngineAccess() {}

  /** The appender's engine; {@code null} when stopped or switched off. */
  public static Panicwatch of(PanicAppender appender) {
    return appender.panicwatch();
  }
}
