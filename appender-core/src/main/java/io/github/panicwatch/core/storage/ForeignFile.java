package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

/**
 * A file Panicwatch did not make and only reads: a JVM's fatal-error report (hs_err), which the JVM
 * wrote where its flags told it to. Its name and place prove nothing (issue 11): it is read only as
 * {@link PrivateFolder} reads Panicwatch's own files, with the same checks ({@link FileFacts}), and
 * one more for its folder. So: a regular file (no symbolic link, fifo or device) of the given
 * user, with one hard link, in a folder of that user or of root that neither group nor others may
 * write to unless it has the sticky bit (as {@code /tmp}), so that nobody else can swap it between
 * the check and the read; opened without following a link, read to a bound, and checked again
 * after the read.
 */
public final class ForeignFile {
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private ForeignFile() {}

  /** A file that passed the checks: where it is, when it was last written and how large it is. */
  public static final class Checked {
    private final Path path;
    private final FileFacts facts;

    private Checked(Path path, FileFacts facts) {
      this.path = path;
      this.facts = facts;
    }

    public Path path() {
      return path;
    }

    public Instant lastModified() {
      return facts.lastModified();
    }

    public long size() {
      return facts.size();
    }
  }

  /**
   * Checks {@code file} as the class comment says.
   *
   * @param uid the user the file must belong to
   * @throws NoSuchFileException when there is no such file
   * @throws RefusedFileException when it fails a check; its {@link RefusedFileException#reason()}
   *     says which
   */
  public static Checked check(Path file, int uid) throws IOException {
    Path absolute = file.toAbsolutePath();
    FileFacts facts = FileFacts.of(absolute);
    if (!facts.exists()) {
      throw new NoSuchFileException(absolute.toString());
    }
    PrivateFolder.refuse(absolute, facts.fileRefusal(uid));
    if (facts.uid() == FileFacts.UNKNOWN || uid == FileFacts.UNKNOWN) {
      PrivateFolder.refuse(absolute, "its owner cannot be told on this file system");
    }
    PrivateFolder.refuse(absolute, FileFacts.of(absolute.getParent()).containerRefusal(uid));
    return new Checked(absolute, facts);
  }

  /**
   * At most {@code maxBytes} from the start of a checked file, read without following a link.
   *
   * @throws RefusedFileException when the name no longer leads to the file checked
   */
  public static byte[] readHead(Checked file, int maxBytes) throws IOException {
    return Uninterrupted.run(() -> {
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(maxBytes, Math.max(0, file.size())));
      try (FileChannel channel = FileChannel.open(file.path, READ)) {
        while (head.hasRemaining() && channel.read(head) >= 0) {
          // until the bound, or the end of the file
        }
      }
      if (!FileFacts.of(file.path).sameFileAs(file.facts)) {
        PrivateFolder.refuse(file.path, "it was replaced while being read");
      }
      byte[] bytes = new byte[head.position()];
      head.flip().get(bytes);
      return bytes;
    });
  }

  /** The user this process's files belong to: the owner its own reports have. */
  public static int currentUid() throws IOException {
    return CurrentUser.uid();
  }
}
