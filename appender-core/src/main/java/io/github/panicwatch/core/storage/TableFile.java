package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small file of lines in a {@link PrivateFolder} that is read and rewritten whole, in place,
 * under a file lock, so that every process of the user sees one change at a time: the crash-loop
 * counts, the fatal-error reports already reported. Opened as {@link PrivateFolder#openForUpdate}
 * opens (made with mode 0600, never through a symbolic link, only this user's plain file).
 */
public final class TableFile {
  /** More than any table here holds; the rest of a larger file is not read. */
  static final int MAX_BYTES = 1 << 20;

  /** A change to the lines, which it edits in place; its result is {@link #edit}'s. */
  public interface Edit<T> {
    T apply(List<String> lines) throws IOException;
  }

  private final PrivateFolder folder;
  private final String name;

  TableFile(PrivateFolder folder, String name) {
    this.folder = folder;
    this.name = name;
  }

  /**
   * Reads the lines, lets {@code edit} change them, and writes them back if it did, all under the
   * file's lock.
   */
  public <T> T edit(Edit<T> edit) throws IOException {
    // a FileLock belongs to the whole JVM: two editors of one JVM must not both take it
    synchronized (TableFile.class) {
      try (FileChannel channel = folder.openForUpdate(name);
          FileLock lock = channel.lock()) {
        List<String> lines = read(channel);
        List<String> before = List.copyOf(lines);
        T result = edit.apply(lines);
        if (!lines.equals(before)) {
          write(channel, lines);
        }
        return result;
      }
    }
  }

  private static List<String> read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_BYTES));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read it whole
    }
    List<String> lines = new ArrayList<>();
    for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  private static void write(FileChannel channel, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    // written over the old lines first, cut to length after: on a full disk, rewriting blocks the
    // file already has rarely needs a new one, where truncating first would give them all up
    int length = bytes.remaining();
    while (bytes.hasRemaining()) {
      channel.write(bytes, bytes.position());
    }
    channel.truncate(length);
  }
}
