package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Scans one of the child's streams when it goes straight into a regular file (the child inherits
 * the watcher's descriptor, so the watcher is not in the data path): reads the file back from its
 * size at the start, polling for growth, and hands each read to the {@link StreamScanner}. After the
 * child's exit it reads up to the file's size then and ends. A file that shrinks below the read
 * position (logrotate's {@code copytruncate}) is read again from its start. Scanning latency does
 * not matter: findings are reported after the exit.
 */
final class FileTail extends ScannedStream {
  /**
   * The most one read takes. Two buffers of this size are read into by turns, so reading back a
   * busy child's output makes no garbage: by the time one is refilled, the breadcrumbs have nearly
   * always moved on to lines in the other, and the few they still keep are copied out first.
   */
  private static final int CHUNK_BYTES = 262_144;
  /** How long to wait when the file has not grown. */
  private static final long POLL_MILLIS = 10;

  private final FileChannel file;
  private final CountDownLatch exited = new CountDownLatch(1);
  private final byte[][] buffers = {new byte[CHUNK_BYTES], new byte[CHUNK_BYTES]};
  private int turn;
  private long position;
  private long end = -1; // once the child has exited: the size to read up to

  private FileTail(String name, FileChannel file, long position, Supplier<StreamScanner> scanner, StatusSink status) {
    super(name, scanner, status);
    this.file = file;
    this.position = position;
  }

  /**
   * Where a tail starts: the file one of the watcher's own descriptors goes to, and its size before
   * the child started (what is there already was written before this child).
   */
  record Start(Path path, long size) {
    /**
     * The start for descriptor 1 or 2 when it is a readable regular file on Linux; {@code null}
     * otherwise (a pipe, a terminal, a file only root may read, another OS, or any doubt): that
     * stream is then pumped. Called before the child starts, so it uses plain calls only.
     */
    static Start of(int descriptor) {
      if (!"Linux".equals(System.getProperty("os.name"))) {
        return null;
      }
      Path path = Path.of("/proc/self/fd", Integer.toString(descriptor));
      try {
        return Files.isRegularFile(path) && Files.isReadable(path) ? new Start(path, Files.size(path)) : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** Whether both descriptors go to one file: then one tail scans it. */
    boolean sameFileAs(Start other) {
      try {
        return Files.isSameFile(path, other.path);
      } catch (IOException | RuntimeException e) {
        return false; // in doubt: tail each, at worst a line is scanned twice
      }
    }
  }

  /**
   * Opens the file of {@code start} for reading where it ended then; {@code null} with a warning
   * when that fails after all: the child's output still reaches the file, unwatched.
   */
  static FileTail open(String name, Start start, Supplier<StreamScanner> scanner, StatusSink status) {
    try {
      return new FileTail(name, FileChannel.open(start.path()), start.size(), scanner, status);
    } catch (IOException | RuntimeException e) {
      status.warn("cannot read back the file the child's " + name + " goes to; not watching it", e);
      return null;
    }
  }

  /** Starts reading and scanning on a daemon thread of its own. */
  FileTail start() {
    startScan();
    return this;
  }

  @Override
  void childExited() {
    exited.countDown();
  }

  @Override
  boolean next(StreamScanner scanner) throws InterruptedException {
    try {
      while (true) {
        boolean last = exited.getCount() == 0; // before the size: then the size includes all the child wrote
        long size = file.size();
        if (size < position) {
          position = 0; // truncated under us (copytruncate): the new content starts at 0
        }
        if (last) {
          end = end < 0 ? size : Math.min(end, size); // later writers (a grandchild) cannot keep us reading
          size = end;
        }
        if (position < size) {
          byte[] buffer = buffers[turn ^= 1];
          scanner.release(buffer); // what the breadcrumbs still keep of its last use becomes a copy
          scan(scanner, buffer, read(buffer, (int) Math.min(size - position, buffer.length)));
          return true;
        }
        if (last) {
          file.close();
          return false;
        }
        exited.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      status().warn("panic-watch: reading back the child's " + name() + " failed; scanned what was read", e);
      skip();
      return false;
    }
  }

  /** Reads up to {@code count} bytes at the position into {@code buffer}; how many were read. */
  private int read(byte[] buffer, int count) throws IOException {
    ByteBuffer into = ByteBuffer.wrap(buffer, 0, count);
    while (into.hasRemaining()) {
      if (file.read(into, position + into.position()) <= 0) {
        break; // truncated between size() and read()
      }
    }
    position += into.position();
    return into.position();
  }

  @Override
  void skip() {
    try {
      file.close();
    } catch (IOException e) {
      // nothing was written through it
    }
  }
}
