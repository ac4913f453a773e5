package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Copies one output stream of the child to the watcher's own, byte for byte and at once: each read
 * is written and flushed before it is looked at, so a partial line (a prompt) shows without delay
 * and nothing is decoded or re-encoded. The buffer itself then goes through a bounded queue
 * to a {@link StreamScanner} on a thread of its own ({@link ScannedStream}), so a slow scan (a
 * cold JIT, a long trace) does not slow the copy; only a queue full for long makes the pump wait,
 * since the scan must see every byte. If the watcher's own stream breaks (a closed pipe), the pump
 * keeps reading so the child never blocks on a full pipe, and keeps detecting.
 */
final class StreamPump extends ScannedStream implements Runnable {
  private static final int BUFFER_SIZE = 65_536; // a pipe's capacity on Linux: one read takes all the child has written
  /** Chunks read but not yet scanned, at most: up to 4 MB, enough to ride out a slow start of the scan. */
  private static final int QUEUE_CHUNKS = 64;
  /** Put on the queue after the last chunk. */
  private static final Chunk END = new Chunk(null, 0);
  /** How many scanned buffers the scan holds on to before giving one back: the breadcrumbs point into the newest. */
  private static final int KEPT_SCANNED = 2;

  private final InputStream from;
  private final OutputStream to;
  /** Cleared once the scan knows it has nothing to detect: then no more copies are made. */
  private volatile boolean scanning;
  private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  /**
   * Buffers scanned and given back for the pump to read into, so a busy child's output makes no
   * garbage: at most the queue's capacity and a few more are ever made.
   */
  private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
  /** Scanned buffers not yet given back, oldest first; the scan thread's only. */
  private final Deque<byte[]> scanned = new ArrayDeque<>();

  /** {@code bytes[0, count)} as read. */
  private record Chunk(byte[] bytes, int count) {}

  /**
   * @param scanner gives the scanner for the side copy, or {@code null} when nothing is detected;
   *     called once on the scan thread, it may wait (for the configuration) while the chunks queue up
   */
  StreamPump(String name, InputStream from, OutputStream to, Supplier<StreamScanner> scanner, StatusSink status) {
    super(name, scanner, status);
    this.from = from;
    this.to = to;
    this.scanning = scanner != null;
  }

  /** Starts the pump on a daemon thread of its own, and the scan on another. */
  StreamPump start() {
    Thread thread = new Thread(this, "panic-watch-" + name());
    thread.setDaemon(true); // a grandchild holding the pipe open must not keep the watcher alive
    thread.start();
    startScan();
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
            status().warn("panic-watch: cannot write the child's " + name() + " any more; still watching it", e);
          }
        }
        if (scanning) {
          hand(new Chunk(buffer, count)); // the scan's now: read on into another
          buffer = free.poll();
          if (buffer == null) {
            buffer = new byte[BUFFER_SIZE];
          }
        }
      }
    } catch (IOException e) {
      status().warn("panic-watch: reading the child's " + name() + " failed", e);
    } finally {
      hand(END);
    }
  }

  private void hand(Chunk chunk) {
    try {
      chunks.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // nobody interrupts the pump; if someone does, the chunk goes unscanned
    }
  }

  @Override
  boolean next(StreamScanner scanner) throws InterruptedException {
    Chunk chunk = chunks.take();
    if (chunk == END) {
      return false;
    }
    scan(scanner, chunk.bytes(), chunk.count());
    scanned.add(chunk.bytes());
    if (scanned.size() > KEPT_SCANNED) {
      byte[] old = scanned.remove();
      scanner.release(old); // what the breadcrumbs still keep of it becomes a copy
      free.add(old);
    }
    return true;
  }

  @Override
  void skip() throws InterruptedException {
    scanning = false;
    while (chunks.take() != END) {
      // not reporting after all: the queue only drains
    }
  }
}
