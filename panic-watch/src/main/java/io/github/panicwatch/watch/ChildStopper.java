package io.github.panicwatch.watch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Passes SIGTERM, SIGINT and SIGHUP on to the child. Java has no signal API, but those three run
 * the shutdown hooks, so the hook is the forwarder: {@code destroy()} (SIGTERM), a bounded wait,
 * then {@code destroyForcibly()} (SIGKILL). It then waits for the watcher to finish its report and
 * halts with the child's exit code, since a JVM shutting down on a signal would otherwise exit with
 * 128 + that signal whatever the child did. On a normal exit the hook finds the work done and
 * returns at once.
 */
final class ChildStopper {
  private final Process child;
  private final long stopTimeoutMillis;
  private final LongSupplier reportTimeoutMillis;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stop, "panic-watch-stop");
  private volatile boolean stopRequested;
  private volatile int exitCode;

  /**
   * @param stopTimeoutMillis how long the child gets between SIGTERM and SIGKILL
   * @param reportTimeoutMillis how long the hook waits for the report after the child is gone;
   *     asked when the hook runs, as the configuration may be read by then
   */
  ChildStopper(Process child, long stopTimeoutMillis, LongSupplier reportTimeoutMillis) {
    this.child = child;
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.reportTimeoutMillis = reportTimeoutMillis;
  }

  ChildStopper install() {
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  /** True once the watcher was told to stop: the child's death is then no crash. */
  boolean stopRequested() {
    return stopRequested;
  }

  /** The watcher has reported and will exit with {@code code}. */
  void finished(int code) {
    exitCode = code;
    finished.countDown();
  }

  private void stop() {
    if (finished.getCount() == 0) {
      return; // a normal exit: nothing to stop
    }
    stopRequested = true;
    try {
      // through the handle: Process.destroy() also closes our ends of the pipes, losing the
      // child's last words (its shutdown output) before the pumps have read them
      ProcessHandle handle = child.toHandle();
      handle.destroy();
      if (!child.waitFor(stopTimeoutMillis, TimeUnit.MILLISECONDS)) {
        handle.destroyForcibly();
        child.waitFor(stopTimeoutMillis, TimeUnit.MILLISECONDS);
      }
      if (finished.await(reportTimeoutMillis.getAsLong(), TimeUnit.MILLISECONDS)) {
        Runtime.getRuntime().halt(exitCode);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
