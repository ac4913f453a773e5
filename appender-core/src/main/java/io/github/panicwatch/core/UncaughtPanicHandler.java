package io.github.panicwatch.core;

import io.github.panicwatch.core.event.PanicRecord;
import java.io.PrintStream;

/**
 * The default uncaught-exception handler while an appender runs with {@code captureUncaught}: it
 * reports the throwable as an unhandled panic, waits for it to be delivered (bounded by the flush
 * timeout), then does what would have happened without it: calls the previous handler, or prints the
 * trace exactly as the JVM does, which the watcher and humans both rely on.
 */
final class UncaughtPanicHandler implements Thread.UncaughtExceptionHandler {
  private final Panicwatch panicwatch;
  private final Thread.UncaughtExceptionHandler previous;

  private UncaughtPanicHandler(Panicwatch panicwatch, Thread.UncaughtExceptionHandler previous) {
    this.panicwatch = panicwatch;
    this.previous = previous;
  }

  static UncaughtPanicHandler install(Panicwatch panicwatch) {
    UncaughtPanicHandler handler =
        new UncaughtPanicHandler(panicwatch, Thread.getDefaultUncaughtExceptionHandler());
    Thread.setDefaultUncaughtExceptionHandler(handler);
    return handler;
  }

  /** Puts the previous handler back, unless someone installed another one after us. */
  void uninstall() {
    if (Thread.getDefaultUncaughtExceptionHandler() == this) {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      panicwatch.capture(PanicRecord.uncaught(thread, throwable));
      panicwatch.flush();
      WatcherHandOff.reported(thread, throwable); // the watcher, if any, skips this trace (issue 5)
    } catch (RuntimeException | Error e) {
      // reporting must never change how the thread dies
    }
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else if (!(throwable instanceof ThreadDeath)) {
      // ThreadGroup.uncaughtException would call us again; print as it does instead
      PrintStream err = System.err;
      err.print("Exception in thread \"" + thread.getName() + "\" ");
      throwable.printStackTrace(err);
    }
  }
}
