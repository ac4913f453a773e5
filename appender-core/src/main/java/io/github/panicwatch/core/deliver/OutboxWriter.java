package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.storage.Disk;
import io.github.panicwatch.core.storage.LineFile;
import java.io.File;
import java.io.IOException;

/**
 * Appends events to the local outbox, one JSON document per line, each line whole or not at all
 * (issue 12). The file is opened for each event and closed again: panics are rare, and a process
 * that never panics never creates the file. It is made with mode 0600; an existing outbox that is a
 * symbolic link, another user's file or a second hard link is refused (README "Security"). See
 * {@link LineFile}.
 */
public final class OutboxWriter {
  private final LineFile file;

  public OutboxWriter(File file) {
    this(file, Disk.REAL);
  }

  OutboxWriter(File file, Disk disk) {
    this.file = LineFile.at(file.toPath(), disk);
  }

  public File file() {
    return file.path().toFile();
  }

  /** Why the outbox there now would be refused (a symbolic link, say), or {@code null}. */
  public String refusal() {
    try {
      return file.refusal();
    } catch (IOException | RuntimeException e) {
      return null; // nothing certain: the write will say what is wrong
    }
  }

  /**
   * Appends one line; {@code json} must not contain a newline (the SDK's serializer writes none).
   *
   * @return how many bytes of a torn last line, left by a writer killed mid-line, were removed first
   */
  public long append(byte[] json) throws IOException {
    return file.append(json, true);
  }
}
