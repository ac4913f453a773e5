package io.github.panicwatch.core.deliver;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Appends events to the local outbox, one JSON document per line. The file is opened for each event
 * and closed again: panics are rare, and a process that never panics never creates the file.
 */
public final class OutboxWriter {
  private final File file;

  public OutboxWriter(File file) {
    this.file = file;
  }

  public File file() {
    return file;
  }

  /** Appends one line; {@code json} must not contain a newline (the SDK's serializer writes none). */
  public synchronized void append(byte[] json) throws IOException {
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    try (OutputStream out = new FileOutputStream(file, true)) {
      out.write(line); // one write: a reader never sees half a line from us
    }
  }
}
