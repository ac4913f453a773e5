package io.github.panicwatch.testing;

import io.github.panicwatch.core.storage.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real disk with faults switched on and off by the test, through the storage code's one seam:
 * a disk that fills up after so many more bytes (the write that crosses the line is cut short, the
 * next one fails as {@code write(2)} does with {@code ENOSPC}); a folder turned read-only (no new
 * name, rename or delete; existing files stay writable, as a folder without its {@code w} bit
 * behaves); a read-only file system (nothing can be written at all); and reads that fail.
 */
public final class FaultyDisk implements Disk {
  private final AtomicLong bytesLeft = new AtomicLong(Long.MAX_VALUE);
  private volatile boolean readOnlyFolders;
  private volatile boolean readOnlyFileSystem;
  private volatile boolean failReads;

  /** From now on only {@code bytes} more bytes fit on the disk. */
  public void fillAfter(long bytes) {
    bytesLeft.set(bytes);
  }

  /** Room again, as after someone deleted a large file. */
  public void makeRoom() {
    bytesLeft.set(Long.MAX_VALUE);
  }

  /** Folders refuse new names, renames and deletes; files in them stay writable. */
  public void readOnlyFolders(boolean readOnly) {
    readOnlyFolders = readOnly;
  }

  /** Nothing can be written, created, renamed or deleted, as on a file system mounted read-only. */
  public void readOnlyFileSystem(boolean readOnly) {
    readOnlyFileSystem = readOnly;
  }

  /** Every read fails, as {@code read(2)} does with {@code EIO} on a failing disk. */
  public void failReads(boolean fail) {
    failReads = fail;
  }

  private void checkRead() throws IOException {
    if (failReads) {
      throw new IOException("Input/output error");
    }
  }

  @Override
  public FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    boolean writes = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    boolean creates =
        options.contains(StandardOpenOption.CREATE_NEW)
            || (options.contains(StandardOpenOption.CREATE) && !Files.exists(file));
    if (readOnlyFileSystem && writes) {
      throw new FileSystemException(file.toString(), null, "Read-only file system");
    }
    if (readOnlyFolders && creates) {
      throw new AccessDeniedException(file.toString());
    }
    return new FillingChannel(FileChannel.open(file, options, attributes));
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    refuseChange(from);
    Disk.REAL.move(from, to);
  }

  @Override
  public void delete(Path file) throws IOException {
    refuseChange(file);
    Disk.REAL.delete(file);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
    if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(dir.toString()); // mkdir(2) says EEXIST first
    }
    refuseChange(dir);
    Disk.REAL.createDirectory(dir, attributes);
  }

  private void refuseChange(Path path) throws IOException {
    if (readOnlyFileSystem) {
      throw new FileSystemException(path.toString(), null, "Read-only file system");
    }
    if (readOnlyFolders) {
      throw new AccessDeniedException(path.toString());
    }
  }

  /** Takes up to what is left of the disk, as {@code write(2)} does, then fails. */
  private int allowance(ByteBuffer source) throws IOException {
    while (true) {
      long left = bytesLeft.get();
      if (left <= 0 && source.hasRemaining()) {
        throw new IOException("No space left on device");
      }
      int allowed = (int) Math.min(source.remaining(), left);
      if (left == Long.MAX_VALUE || bytesLeft.compareAndSet(left, left - allowed)) {
        return allowed;
      }
    }
  }

  /** A file channel that writes through {@link #allowance}; everything else goes straight through. */
  private final class FillingChannel extends FileChannel {
    private final FileChannel delegate;

    FillingChannel(FileChannel delegate) {
      this.delegate = delegate;
    }

    private int limited(ByteBuffer source, Write write) throws IOException {
      int allowed = allowance(source);
      int limit = source.limit();
      source.limit(source.position() + allowed);
      try {
        return write.to(source);
      } finally {
        source.limit(limit);
      }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      return limited(source, delegate::write);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
      return limited(source, buffer -> delegate.write(buffer, position));
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
      long written = 0;
      for (int i = offset; i < offset + length; i++) {
        written += write(sources[i]);
      }
      return written;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
      checkRead();
      return delegate.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
      checkRead();
      return delegate.read(destinations, offset, length);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
      checkRead();
      return delegate.read(destination, position);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
      throw new IOException("not supported by the faulty disk");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new IOException("not supported by the faulty disk");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }

  private interface Write {
    int to(ByteBuffer buffer) throws IOException;
  }
}
