package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A file of whole lines, appended one line at a time: the outbox, the watcher's hand-off. Each
 * line is written whole or not at all (issue 12): under a file lock, a write cut short (a full
 * disk) is cut back to where the line began, and a torn line left at the end by an earlier writer
 * (killed mid-write) is removed before the next one goes on, so every line of the file parses.
 *
 * <p>The file may stand in a folder others share (the outbox is wherever the configuration says),
 * so every open checks it as {@link PrivateFolder} checks its own files: never through a symbolic
 * link, only this user's plain file with one hard link, made with mode 0600. A character device
 * ({@code /dev/null}) is written as it is: nobody but root can make one, and it holds no lines.
 */
public final class LineFile {
  // not APPEND: the end is read (for a torn line) and written at under the lock, which every
  // writer of ours takes, and Java allows no READ with APPEND
  private static final Set<OpenOption> UPDATE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> UPDATE_OR_CREATE =
      Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
  private static final int SCAN_CHUNK = 8192;

  private final Path file;
  private final Disk disk;

  LineFile(Path file, Disk disk) {
    this.file = file;
    this.disk = disk;
  }

  /** A file of lines at {@code file}, wherever it is. */
  public static LineFile at(Path file, Disk disk) {
    return new LineFile(file.toAbsolutePath(), disk);
  }

  public Path path() {
    return file;
  }

  /**
   * Appends {@code text} and a newline, whole or not at all.
   *
   * @param text one line, without a newline
   * @param create whether to make the file (mode 0600) when it does not exist
   * @return how many bytes of a torn last line were removed first (0 almost always)
   * @throws RefusedFileException when the file is not this user's plain file
   */
  public long append(byte[] text, boolean create) throws IOException {
    return Uninterrupted.run(() -> appendLine(text, create));
  }

  private long appendLine(byte[] text, boolean create) throws IOException {
    ByteBuffer line = ByteBuffer.allocate(text.length + 1).put(text).put((byte) '\n').flip();
    // a FileLock belongs to the whole JVM: two writers of one JVM must not both take it
    synchronized (LineFile.class) {
      int uid = CurrentUser.uid(file.getParent());
      FileFacts before = FileFacts.of(file);
      if (before.exists()) {
        PrivateFolder.refuse(file, refusal(before, uid)); // before opening: opening a fifo would block
      } else if (!create) {
        throw new NoSuchFileException(file.toString());
      }
      try (FileChannel channel = disk.open(file, create ? UPDATE_OR_CREATE : UPDATE, PrivateFolder.fileAttributes())) {
        FileFacts after = FileFacts.of(file);
        PrivateFolder.refuse(file, refusal(after, uid));
        if (before.exists() && !after.sameFileAs(before)) {
          PrivateFolder.refuse(file, "it was replaced while being opened");
        }
        if (after.characterDevice()) {
          PrivateFolder.writeFully(channel, line); // no lock, no length: nothing to cut back
          return 0;
        }
        try (FileLock lock = channel.lock()) {
          long end = channel.size();
          long whole = endOfLastWholeLine(channel, end);
          if (whole < end) {
            channel.truncate(whole);
          }
          try {
            for (long position = whole; line.hasRemaining(); ) {
              position += channel.write(line, position);
            }
          } catch (IOException | RuntimeException e) {
            try {
              channel.truncate(whole); // the part that was written goes: no torn line stays
            } catch (IOException | RuntimeException f) {
              e.addSuppressed(f);
            }
            throw e;
          }
          return end - whole;
        }
      }
    }
  }

  /**
   * The whole lines of the file; a torn last line is left out.
   *
   * @throws RefusedFileException when the file is not this user's plain file, or is larger than
   *     {@code maxBytes}
   */
  public List<String> readLines(int maxBytes) throws IOException {
    int uid = CurrentUser.uid(file.getParent());
    byte[] content = Uninterrupted.run(() -> PrivateFolder.readChecked(file, uid, disk, maxBytes));
    String text = new String(content, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int newline; (newline = text.indexOf('\n', start)) >= 0; start = newline + 1) {
      lines.add(text.substring(start, newline));
    }
    return lines;
  }

  /**
   * Why this file may not be opened, or {@code null}: as {@link FileFacts#fileRefusal}, except
   * that a character device may.
   */
  public String refusal() throws IOException {
    FileFacts facts = FileFacts.of(file);
    return facts.exists() ? refusal(facts, CurrentUser.uid(file.getParent())) : null;
  }

  private static String refusal(FileFacts facts, int uid) {
    return facts.characterDevice() ? null : facts.fileRefusal(uid);
  }

  /** Where the last complete line ends: {@code end} itself unless the file ends in a torn line. */
  private static long endOfLastWholeLine(FileChannel channel, long end) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(SCAN_CHUNK, Math.max(1, end)));
    long chunkEnd = end;
    while (chunkEnd > 0) {
      long chunkStart = Math.max(0, chunkEnd - chunk.capacity());
      chunk.clear().limit((int) (chunkEnd - chunkStart));
      while (chunk.hasRemaining() && channel.read(chunk, chunkStart + chunk.position()) > 0) {
        // read the chunk whole
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return chunkStart + i + 1;
        }
      }
      chunkEnd = chunkStart;
    }
    return 0;
  }
}
