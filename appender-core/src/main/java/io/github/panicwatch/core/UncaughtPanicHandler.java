package io.github.panicwatch.core;

import io.github.panicwatch.core.event.PanicRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default uncaught-exception handler while any engine runs with {@code captureUncaught}: it
 * reports the throwable as an unhandled panic to each of them, waits for it to be delivered (bounded
 * by their flush timeouts), then does what would have happened without it: calls the handler that
 * was there before Panicwatch, or prints the trace exactly as the JVM does, which the watcher and
 * humans both rely on.
 *
 * <p>One per JVM, shared by every engine and counted by them (issue 12): a Log4j2 reconfiguration
 * starts the new appender before it stops the old one, and a handler per engine chained each new
 * one to the last, leaving a closed engine as the default handler once the old one was gone. Now the
 * first engine installs it, each later one only joins it, and the last one to stop puts back the
 * handler that was there before; a stopped engine is never reachable from here.
 */
final class UncaughtPanicHandler implements Thread.UncaughtExceptionHandler {
  private static final Object LOCK = new Object();
  // guarded by LOCK
  private static UncaughtPanicHandler installed;

  private final Thread.UncaughtExceptionHandler previous;
  private final List<Panicwatch> engines = new CopyOnWriteArrayList<>();

  private UncaughtPanicHandler(Thread.UncaughtExceptionHandler previous) {
    this.previous = previous;
  }

  /** Reports uncaught exceptions to {@code engine} from now on; installs the handler if it is the first. */
  static void join(Panicwatch engine) {
    synchronized (LOCK) {
      if (installed == null) {
        installed = new UncaughtPanicHandler(Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(installed);
      }
      installed.engines.add(engine);
    }
  }

  /**
   * Stops reporting to {@code engine}; the last engine to leave puts the previous handler back,
   * unless someone installed another one after us (then ours, still in their chain, reports to no one).
   */
  static void leave(Panicwatch engine) {
    synchronized (LOCK) {
      if (installed == null || !installed.engines.remove(engine) || !installed.engines.isEmpty()) {
        return;
      }
      if (Thread.getDefaultUncaughtExceptionHandler() == installed) {
        Thread.setDefaultUncaughtExceptionHandler(installed.previous);
      }
      installed = null;
    }
  }

  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      PanicRecord panic = PanicRecord.uncaught(thread, throwable);
      for (Panicwatch engine : engines) {
        engine.capture(panic);
      }
      for (Panicwatch engine : engines) {
        engine.flush();
      }
      if (!engines.isEmpty()) {
        WatcherHandOff.reported(thread, throwable); // the watcher, if any, skips this trace (issue 5)
      }
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
