package io.github.panicwatch.watch;

import io.github.panicwatch.core.StatusSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
  /** The most one read takes: as much as a pump's, so the breadcrumbs keep as little alive. */
  private static final int CHUNK_BYTES = 65_536;
  /** How long to wait when the file has not grown. */
  private static final long POLL_MILLIS = 10;

  private final FileChannel file;
  private final CountDownLatch exited = new CountDownLatch(1);
  private long position;
  private long end = -1; // once the child has exited: the size to read up to

  private FileTail(String name, FileChannel file, Supplier<StreamScanner> scanner, StatusSink status)
      throws IOException {
    super(name, scanner, status);
    this.file = file;
    this.position = file.size(); // what is there already was written before this child
  }

  /**
   * The watcher's own descriptor {@code descriptor} (1 or 2) when it is a regular file on Linux, as
   * a path that opens that file; {@code null} otherwise (a pipe, a terminal, another OS, or any doubt).
   */
  static Path ownFile(int descriptor) {
    if (!"Linux".equals(System.getProperty("os.name"))) {
      return null;
    }
    Path path = Path.of("/proc/self/fd/" + descriptor);
    try {
      return Files.isRegularFile(path) ? path : null;
    } catch (SecurityException e) {
      return null;
    }
  }

  /**
   * Opens {@code path} for reading at its current size; {@code null} with a warning when it cannot
   * be read (a log file only root may read, say): the stream is then pumped as usual.
   */
  static FileTail open(String name, Path path, Supplier<StreamScanner> scanner, StatusSink status) {
    try {
      return new FileTail(name, FileChannel.open(path), scanner, status);
    } catch (IOException | RuntimeException e) {
      status.warn("panic-watch: cannot read back the file the child's " + name + " goes to; passing it through", e);
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
  byte[] next() throws InterruptedException {
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
          return read((int) Math.min(size - position, CHUNK_BYTES));
        }
        if (last) {
          file.close();
          return null;
        }
        exited.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      status().warn("panic-watch: reading back the child's " + name() + " failed; scanned what was read", e);
      skip();
      return null;
    }
  }

  /** A new array per read: the scanner keeps references into it. */
  private byte[] read(int count) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(count);
    while (chunk.hasRemaining()) {
      if (file.read(chunk, position + chunk.position()) <= 0) {
        break; // truncated between size() and read()
      }
    }
    position += chunk.position();
    return chunk.position() == count ? chunk.array() : Arrays.copyOf(chunk.array(), chunk.position());
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
