package io.github.panicwatch.core.storage;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file or folder Panicwatch will not use: a symbolic link, another user's, a second hard link,
 * writable by others (README "Security"). Its message is the path and the reason.
 */
public final class RefusedFileException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  public RefusedFileException(Path file, String reason) {
    super(file.toString(), null, reason);
  }

  /** Why it was refused, without the path. */
  public String reason() {
    return getReason();
  }
}
