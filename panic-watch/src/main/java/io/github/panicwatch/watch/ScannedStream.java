package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One of the child's output streams as the watcher scans it: its chunks, in order, go to a
 * {@link StreamScanner} on a daemon thread of its own, which ends the scanner after the last one.
 * Where the chunks come from is the subclass's job: a {@link StreamPump} copies them out of a
 * pipe, a {@link FileTail} reads them back from the file the child writes to.
 */
abstract class ScannedStream {
  private final String name;
  private final Supplier<StreamScanner> scanner;
  private final StatusSink status;
  private final CountDownLatch scanned = new CountDownLatch(1);

  /**
   * @param scanner gives the scanner, or {@code null} when nothing is detected; called once on the
   *     scan thread, it may wait (for the configuration) meanwhile
   */
  ScannedStream(String name, Supplier<StreamScanner> scanner, StatusSink status) {
    this.name = name;
    this.scanner = scanner;
    this.status = status;
  }

  /**
   * Gives the next chunk, waiting for it if need be, to {@link #scan(StreamScanner, byte[], int)};
   * false once the stream has ended.
   */
  abstract boolean next(StreamScanner scanner) throws InterruptedException;

  /**
   * Scans {@code bytes[0, count)}. The scanner keeps references into the array (breadcrumbs): a
   * subclass that reuses its arrays calls {@link StreamScanner#release} on one before refilling it.
   */
  final void scan(StreamScanner scanner, byte[] bytes, int count) {
    try {
      scanner.accept(bytes, 0, count);
    } catch (RuntimeException e) {
      // detection is a side job: the stream goes on whatever happens to it
      status.error("scanning the child's " + name + " failed", e);
    }
  }

  /** The scan turned out not to be needed (not reporting): no more chunks are asked for. */
  abstract void skip() throws InterruptedException;

  /** The child has exited; a stream that does not end by itself ends after what was written by now. */
  void childExited() {}

  final String name() {
    return name;
  }

  final StatusSink status() {
    return status;
  }

  /** Starts the scan thread. */
  final void startScan() {
    Thread scan = new Thread(this::scan, "panic-watch-" + name + "-scan");
    scan.setDaemon(true); // a grandchild holding a pipe open must not keep the watcher alive
    scan.start();
  }

  private void scan() {
    try {
      StreamScanner scanner = this.scanner == null ? null : this.scanner.get();
      if (scanner == null) {
        skip();
        return;
      }
      while (next(scanner)) {
        // each call scans one chunk
      }
      scanner.end();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      status.error("scanning the child's " + name + " failed", e);
    } finally {
      scanned.countDown();
    }
  }

  /** Waits until the stream has ended and its last line was scanned; false on timeout. */
  final boolean awaitScanned(long timeoutMillis) throws InterruptedException {
    return scanned.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
