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
 *
 * <p>The hook is installed before the child starts: a signal that lands between the start and the
 * hook would end the watcher at once and leave the child running, orphaned (as PID 1 of a
 * container, or under systemd, a leaked service). A signal that comes while the child is being
 * started waits for the start to return, then stops the child it made. No lambda here: this runs
 * before the child starts, where the first one costs milliseconds.
 */
final class ChildStopper implements Runnable {
  /** The longest a stop waits for a start under way: starting a process takes milliseconds. */
  private static final long START_TIMEOUT_MILLIS = 10_000;

  private final long stopTimeoutMillis;
  /** Counted down once the child runs, or once it is known that none will. */
  private final CountDownLatch childKnown = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this, "panic-watch-stop");
  private volatile Process child;
  private volatile LongSupplier reportTimeoutMillis;
  private volatile boolean stopRequested;
  private volatile int exitCode;

  /** @param stopTimeoutMillis how long the child gets between SIGTERM and SIGKILL */
  ChildStopper(long stopTimeoutMillis) {
    this.stopTimeoutMillis = stopTimeoutMillis;
  }

  /**
   * Installs the hook; call before starting the child.
   *
   * @return false when the watcher is already being stopped: then start no child
   */
  boolean install() {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false; // the JVM is shutting down: a signal came before the hook could
    }
  }

  /**
   * The child runs; a stop from now on reaches it.
   *
   * @param reportTimeoutMillis how long the hook waits for the report after the child is gone;
   *     asked when the hook runs, as the configuration may be read by then
   */
  void started(Process child, LongSupplier reportTimeoutMillis) {
    this.child = child;
    this.reportTimeoutMillis = reportTimeoutMillis;
    childKnown.countDown();
  }

  /** True once the watcher was told to stop: the child's death is then no crash. */
  boolean stopRequested() {
    return stopRequested;
  }

  /** The watcher has reported (or started no child) and will exit with {@code code}. */
  void finished(int code) {
    exitCode = code;
    finished.countDown();
    childKnown.countDown();
  }

  @Override
  public void run() {
    if (finished.getCount() == 0) {
      return; // a normal exit: nothing to stop
    }
    stopRequested = true;
    try {
      // a signal during the child's start: the start returns soon, with the child to stop
      if (!childKnown.await(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || child == null) {
        return;
      }
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
