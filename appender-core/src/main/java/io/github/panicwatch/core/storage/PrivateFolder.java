package io.github.panicwatch.core.storage;

import io.github.panicwatch.core.status.StatusSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A folder only this user can use, and the one place that makes and opens the files Panicwatch
 * keeps in it (README "Security"). The model is HotSpot's {@code hsperfdata_<user>}: a folder per
 * user, made with mode 0700 (not chmod-ed afterwards), its owner checked, a symbolic link refused.
 * An existing folder is used only if it is a real directory of this user that neither group nor
 * others can write; otherwise a WARN status says so and a private folder beside it is used (one
 * this user made earlier for the same reason, or a new one with a random name): never a shared one,
 * and never a reason not to start.
 *
 * <p>Inside, every file is made with mode 0600 and new ({@code CREATE_NEW}, or a temporary file
 * renamed into place), never opened through a symbolic link ({@code NOFOLLOW_LINKS}), and checked
 * again after opening. A file that is a symbolic link, another user's, or a second hard link to
 * something else is never read, written, adopted or deleted: {@link #list} names it as refused.
 *
 * <p>To keep a new kind of file here (issue 16, say), give it a name and use {@link #writeNew}
 * (written whole or not at all), {@link #table} (rewritten in place under a lock), {@link
 * #lines} (appended a whole line at a time) and {@link #read}; the rules come with them.
 */
public final class PrivateFolder {
  /** Largest file {@link #read} reads whole; a spooled envelope stays far below it. */
  public static final int MAX_READ_BYTES = 32 << 20;

  static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
  private static final String TEMPORARY_SUFFIX = ".tmp";
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> UPDATE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> EMPTY =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);

  private final Path path;
  private final Disk disk;
  private final int uid;

  private PrivateFolder(Path path, Disk disk, int uid) {
    this.path = path;
    this.disk = disk;
    this.uid = uid;
  }

  /**
   * {@code ${java.io.tmpdir}/panicwatch-<user>}: the folder of this user's spool and hand-off files.
   * Only names it (no lambda, no string concatenation: the watcher calls this before its child
   * starts, where each costs milliseconds).
   */
  public static Path userFolder() {
    String name = new StringBuilder("panicwatch-").append(CurrentUser.fileNamePart()).toString();
    return Path.of(System.getProperty("java.io.tmpdir"), name).toAbsolutePath();
  }

  /** {@link #open(Path, Disk, StatusSink)} on the real disk. */
  public static PrivateFolder open(Path dir, StatusSink status) throws IOException {
    return open(dir, Disk.REAL, status);
  }

  /**
   * Opens {@code dir} as a private folder: makes it (and missing parents) with mode 0700, or checks
   * the one that is there. A folder that fails the checks is left alone: a WARN status names it and
   * the reason, and a private folder beside it, {@code <dir>.<16 hex digits>}, is used instead.
   *
   * @throws IOException when no private folder can be had there at all (its parent is read-only,
   *     say)
   */
  public static PrivateFolder open(Path dir, Disk disk, StatusSink status) throws IOException {
    Path absolute = dir.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("no folder can be made at " + absolute);
    }
    if (!Files.isDirectory(parent)) {
      // a configured cacheDirPath that does not exist yet: made as private as what goes inside
      if (POSIX) {
        Files.createDirectories(parent, PRIVATE_FOLDER);
      } else {
        Files.createDirectories(parent);
      }
    }
    String refusal = use(absolute, disk);
    if (refusal == null) {
      return new PrivateFolder(absolute, disk, CurrentUser.uid(parent, absolute));
    }
    PrivateFolder instead = besides(absolute, disk);
    status.warn(
        "not using the folder [" + absolute + "]: " + refusal + "; using [" + instead.path
            + "] instead, private to this user (README \"Security\")",
        null);
    return instead;
  }

  /** The folder {@code name} inside this one, made and checked as {@link #open} does. */
  public PrivateFolder folder(String name, StatusSink status) throws IOException {
    return open(file(name), disk, status);
  }

  public Path path() {
    return path;
  }

  int uid() {
    return uid;
  }

  Disk disk() {
    return disk;
  }

  /** The path of {@code name} in this folder; {@code name} is one plain file name. */
  public Path file(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    return path.resolve(name);
  }

  /**
   * Writes a new file whole or not at all: into a temporary file made with {@code CREATE_NEW} and
   * mode 0600, then renamed to {@code name}. On any failure (a full disk, say) nothing is left.
   */
  public void writeNew(String name, byte[] content) throws IOException {
    Path target = file(name);
    Path temporary = file(name + TEMPORARY_SUFFIX);
    Uninterrupted.run(
        () -> {
          try (FileChannel channel = disk.open(temporary, CREATE_NEW, fileAttributes())) {
            writeFully(channel, ByteBuffer.wrap(content));
          } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temporary, e);
            throw e;
          }
          try {
            disk.move(temporary, target);
          } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temporary, e);
            throw e;
          }
          return null;
        });
  }

  /** Makes a new empty file, mode 0600; fails when the name exists, whatever it is. */
  public Path createNew(String name) throws IOException {
    Path file = file(name);
    Uninterrupted.run(
        () -> {
          disk.open(file, CREATE_NEW, fileAttributes()).close();
          return null;
        });
    return file;
  }

  /**
   * Reads a file of this folder whole.
   *
   * @throws RefusedFileException when it is not this user's plain file, or larger than {@link
   *     #MAX_READ_BYTES}
   * @throws NoSuchFileException when it is gone
   */
  public byte[] read(String name) throws IOException {
    Path file = file(name);
    return Uninterrupted.run(() -> readChecked(file, uid, disk, MAX_READ_BYTES));
  }

  /**
   * Opens (or makes, mode 0600) a file to read and rewrite in place, such as a table of counts
   * under a {@link java.nio.channels.FileLock}. The caller closes it.
   */
  public FileChannel openForUpdate(String name) throws IOException {
    Path file = file(name);
    FileFacts before = FileFacts.of(file);
    if (before.exists()) {
      refuse(file, before.fileRefusal(uid));
    }
    FileChannel channel = Uninterrupted.run(() -> disk.open(file, UPDATE, fileAttributes()));
    try {
      FileFacts after = FileFacts.of(file);
      refuse(file, after.fileRefusal(uid));
      if (before.exists() && !after.sameFileAs(before)) {
        refuse(file, "it was replaced while being opened");
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The file {@code name} of this folder as a table of lines, rewritten whole under a lock. */
  public TableFile table(String name) {
    file(name); // a plain file name, or an IllegalArgumentException now
    return new TableFile(this, name);
  }

  /** The file {@code name} of this folder as a file of whole lines. */
  public LineFile lines(String name) {
    return new LineFile(file(name), disk);
  }

  /** What {@link #list} found: this user's plain files, oldest name first, and the rest with why. */
  public record Listing(List<String> files, Map<String, String> refused) {}

  /**
   * The names ending in {@code suffix}, sorted; a name that is not this user's plain file (a
   * symbolic link, another user's, a second hard link) is in {@link Listing#refused} instead.
   */
  public Listing list(String suffix) throws IOException {
    List<String> files = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.endsWith(suffix)) {
          continue;
        }
        FileFacts facts = FileFacts.of(entry);
        if (!facts.exists()) {
          continue; // deleted meanwhile
        }
        String refusal = facts.fileRefusal(uid);
        if (refusal == null) {
          files.add(name);
        } else {
          refused.put(name, refusal);
        }
      }
    }
    Collections.sort(files);
    return new Listing(files, refused);
  }

  /** Renames a file within this folder, in one step. */
  public void move(String from, String to) throws IOException {
    disk.move(file(from), file(to));
  }

  public void delete(String name) throws IOException {
    disk.delete(file(name));
  }

  /**
   * Cuts a file of this user down to nothing, for when the folder no longer lets it be deleted (a
   * folder turned read-only): the file itself may still be writable.
   *
   * @return false when it could not be done
   */
  public boolean empty(String name) {
    Path file = file(name);
    try {
      if (FileFacts.of(file).fileRefusal(uid) != null) {
        return false;
      }
      Uninterrupted.run(
          () -> {
            disk.open(file, EMPTY).close();
            return null;
          });
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** Reads a file whole, refusing what is not {@code ownerUid}'s plain file or is too large. */
  static byte[] readChecked(Path file, int ownerUid, Disk disk, int maxBytes) throws IOException {
    FileFacts before = FileFacts.of(file);
    if (!before.exists()) {
      throw new NoSuchFileException(file.toString());
    }
    refuse(file, before.fileRefusal(ownerUid)); // before opening: opening a fifo would block
    if (before.size() > maxBytes) {
      refuse(file, "it is larger than " + maxBytes + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1L, before.size() + 1));
    try (FileChannel channel = disk.open(file, READ)) {
      while (true) {
        if (!buffer.hasRemaining()) {
          if (buffer.capacity() > maxBytes) {
            refuse(file, "it is larger than " + maxBytes + " bytes");
          }
          buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1L, buffer.capacity() * 2L)).put(buffer.flip());
        }
        if (channel.read(buffer) < 0) {
          break;
        }
      }
    }
    if (!FileFacts.of(file).sameFileAs(before)) {
      refuse(file, "it was replaced while being read");
    }
    byte[] content = new byte[buffer.position()];
    buffer.flip().get(content);
    return content;
  }

  static void refuse(Path file, String refusal) throws RefusedFileException {
    if (refusal != null) {
      throw new RefusedFileException(file, refusal);
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer content) throws IOException {
    while (content.hasRemaining()) {
      channel.write(content);
    }
  }

  /** Mode 0600 for a file this code makes; nothing where the file system has no POSIX modes. */
  static FileAttribute<?>[] fileAttributes() {
    return POSIX ? new FileAttribute<?>[] {PRIVATE_FILE} : NONE;
  }

  /**
   * Makes {@code dir} private, or says why the one there is not.
   *
   * @return {@code null} when {@code dir} is a private folder of this user now
   */
  private static String use(Path dir, Disk disk) throws IOException {
    try {
      if (POSIX) {
        disk.createDirectory(dir, PRIVATE_FOLDER);
      } else {
        disk.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      return FileFacts.of(dir).folderRefusal(CurrentUser.uid(dir.getParent(), dir));
    }
    FileFacts made = FileFacts.of(dir);
    CurrentUser.learnFrom(made);
    if (made.mode() != FileFacts.UNKNOWN && (made.mode() & 0700) != 0700) {
      // a umask such as 0277 took some of the owner's own bits: give them back, nothing more
      Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(PosixFilePermissions.fromString("rwx------"));
    }
    return null;
  }

  /** The private folder used when {@code refused} is not usable: an earlier one of ours, or a new one. */
  private static PrivateFolder besides(Path refused, Disk disk) throws IOException {
    Path parent = refused.getParent();
    String prefix = refused.getFileName() + ".";
    int uid = CurrentUser.uid(parent);
    List<Path> earlier = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.length() == prefix.length() + 16 && name.startsWith(prefix)
            && name.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          earlier.add(entry);
        }
      }
    }
    Collections.sort(earlier);
    for (Path candidate : earlier) {
      if (FileFacts.of(candidate).folderRefusal(uid) == null) {
        return new PrivateFolder(candidate, disk, uid);
      }
    }
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 10; attempt++) {
      Path candidate = parent.resolve(prefix + HexFormat.of().toHexDigits(random.nextLong()));
      if (use(candidate, disk) == null) {
        return new PrivateFolder(candidate, disk, uid);
      }
    }
    throw new IOException("no private folder could be made beside " + refused);
  }

  private void deleteAfterFailure(Path temporary, Exception failure) {
    try {
      disk.delete(temporary);
    } catch (NoSuchFileException e) {
      // never made
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
