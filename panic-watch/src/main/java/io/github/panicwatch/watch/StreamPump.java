package io.github.panicwatch.watch;

import io.github.panicwatch.core.StatusSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies one output stream of the child to the watcher's own, byte for byte and at once: each read
 * is written and flushed before it is looked at, so a partial line (a prompt) shows without delay
 * and nothing is decoded or re-encoded. The same bytes then go to a {@link StreamScanner} for the
 * detectors. If the watcher's own stream breaks (a closed pipe), the pump keeps reading so the
 * child never blocks on a full pipe, and keeps detecting.
 */
final class StreamPump implements Runnable {
  private static final int BUFFER_SIZE = 65_536; // a pipe's capacity on Linux: one read takes all the child has written

  private final String name;
  private final InputStream from;
  private final OutputStream to;
  private final StreamScanner scanner;
  private final StatusSink status;
  private final CountDownLatch drained = new CountDownLatch(1);

  /** @param scanner gets the side copy, or {@code null} when nothing is detected */
  StreamPump(String name, InputStream from, OutputStream to, StreamScanner scanner, StatusSink status) {
    this.name = name;
    this.from = from;
    this.to = to;
    this.scanner = scanner;
    this.status = status;
  }

  /** Starts the pump on a daemon thread of its own. */
  StreamPump start() {
    Thread thread = new Thread(this, "panic-watch-" + name);
    thread.setDaemon(true); // a grandchild holding the pipe open must not keep the watcher alive
    thread.start();
    return this;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[BUFFER_SIZE];
    boolean sinkOpen = true;
    try (from) {
      int count;
      while ((count = from.read(buffer)) != -1) {
        if (sinkOpen) {
          try {
            to.write(buffer, 0, count);
            to.flush();
          } catch (IOException e) {
            sinkOpen = false;
            status.warn("panic-watch: cannot write the child's " + name + " any more; still watching it", e);
          }
        }
        detect(buffer, count);
      }
    } catch (IOException e) {
      status.warn("panic-watch: reading the child's " + name + " failed", e);
    } finally {
      try {
        if (scanner != null) {
          scanner.end();
        }
      } catch (RuntimeException e) {
        status.error("panic-watch: scanning the child's " + name + " failed", e);
      }
      drained.countDown();
    }
  }

  private void detect(byte[] buffer, int count) {
    if (scanner == null) {
      return;
    }
    try {
      scanner.accept(buffer, 0, count);
    } catch (RuntimeException e) {
      // detection is a side job: the copy goes on whatever happens to it
      status.error("panic-watch: scanning the child's " + name + " failed", e);
    }
  }

  /** Waits until the stream has ended and its last line was scanned; false on timeout. */
  boolean awaitDrained(long timeoutMillis) throws InterruptedException {
    return drained.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
