package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * The calls through which Panicwatch's storage changes the disk: open a file, rename, delete, make a
 * folder. {@link #REAL} is the file system; tests put a faulty one in its place (a disk that fills
 * up after so many bytes, a folder that refuses every rename and delete) and so check that no fault
 * tears a line or loses a panic (issue 12). Every check of {@link PrivateFolder} and {@link LineFile}
 * runs unchanged on top of it.
 */
public interface Disk {
  /** The file system itself. */
  Disk REAL = new RealDisk();

  /** {@link FileChannel#open(Path, Set, FileAttribute[])}. */
  FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException;

  /** Renames {@code from} to {@code to} in one step (both in one folder); a symbolic link is renamed, never followed. */
  void move(Path from, Path to) throws IOException;

  /** Deletes a file, or a symbolic link itself. */
  void delete(Path file) throws IOException;

  /**
   * Makes one folder; {@link FileAlreadyExistsException} when the name is taken, by anything.
   */
  void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException;

  /** The real file system, without lambdas: the watcher calls this before its child starts. */
  final class RealDisk implements Disk {
    private RealDisk() {}

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
        throws IOException {
      return FileChannel.open(file, options, attributes);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(Path file) throws IOException {
      Files.delete(file);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
      Files.createDirectory(dir, attributes);
    }
  }
}
