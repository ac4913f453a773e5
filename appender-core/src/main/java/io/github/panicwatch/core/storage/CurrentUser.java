package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process is to the file system: the owner its new files get. Learnt from a file this
 * process has just made (a folder it created, or a probe file made and deleted at once), never from
 * {@code user.name}, which {@code -Duser.name=} can change and which a container user without a
 * {@code passwd} entry does not have.
 */
final class CurrentUser {
  private static volatile int uid = FileFacts.UNKNOWN;
  private static volatile boolean learnt;

  private CurrentUser() {}

  /** Notes the owner of something this process has just created. */
  static void learnFrom(FileFacts created) {
    if (!learnt) {
      uid = created.uid();
      learnt = true;
    }
  }

  /**
   * The uid of this process's files; {@link FileFacts#UNKNOWN} where the file system has no owners.
   *
   * @param writable folders in which a probe file may be made, tried in order (then {@code
   *     java.io.tmpdir}), if the uid is not known yet; a probe is made new and deleted at once
   */
  static int uid(Path... writable) throws IOException {
    IOException failure = null;
    for (int i = 0; i <= writable.length && !learnt; i++) {
      try {
        probe(i < writable.length ? writable[i] : Path.of(System.getProperty("java.io.tmpdir")));
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (!learnt) {
      throw failure != null ? failure : new IOException("no folder to learn this process's uid in");
    }
    return uid;
  }

  private static void probe(Path folder) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path probe = folder.resolve(new StringBuilder(".panicwatch-probe-").append(System.nanoTime()).toString());
      try {
        Files.createFile(probe, PrivateFolder.PRIVATE_FILE);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 10) {
          continue; // someone took the name: take another
        }
        throw e;
      } catch (UnsupportedOperationException e) {
        Files.createFile(probe); // no POSIX permissions on this file system
      }
      try {
        learnFrom(FileFacts.of(probe));
      } finally {
        Files.deleteIfExists(probe);
      }
      return;
    }
  }

  /**
   * The user's name as it may appear in a file name ({@code user.name}, with anything but letters,
   * digits, {@code .}, {@code _} and {@code -} replaced by {@code _}). Only a name: ownership is
   * always checked against {@link #uid}.
   */
  static String fileNamePart() {
    String name = System.getProperty("user.name", "");
    StringBuilder part = new StringBuilder(name.length());
    for (int i = 0; i < name.length() && part.length() < 64; i++) {
      char c = name.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      part.append(plain ? c : '_');
    }
    return part.length() == 0 || part.charAt(0) == '.' ? part.insert(0, "user").toString() : part.toString();
  }
}
