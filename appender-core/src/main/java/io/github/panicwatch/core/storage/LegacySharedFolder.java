package io.github.panicwatch.core.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The spool folder of versions before issue 11, {@code ${java.io.tmpdir}/panicwatch/<per-DSN
 * folder>}, which every user's processes shared (made 0755, files 0644). This user's own unsent
 * envelopes there are taken over into its private folder; anything of another user, a symbolic
 * link, or a second hard link is left alone and never read. Once emptied of this user's files, the
 * old folders are removed when nothing else is in them.
 */
public final class LegacySharedFolder {
  static final String NAME = "panicwatch";

  /** What a take-over did. */
  public record Takeover(int taken, int leftAlone, int failed) {
    static final Takeover NOTHING = new Takeover(0, 0, 0);
  }

  private LegacySharedFolder() {}

  /** {@code ${java.io.tmpdir}/panicwatch}. */
  public static Path path() {
    return Path.of(System.getProperty("java.io.tmpdir"), NAME).toAbsolutePath();
  }

  /**
   * Moves this user's files named {@code *<suffix>} that {@code mayTake} accepts from {@code old},
   * a folder of the old shared layout ({@code path().resolve(<per-DSN folder>)}), into {@code
   * into}, each written whole there before it is deleted here; deletes this user's {@code
   * ownFilesToDrop}. Neither {@code old} nor its parent may be a symbolic link.
   *
   * @param mayTake whether a file of this user may be taken now (not while a live process of an
   *     older version still sends it, say)
   */
  public static Takeover takeOver(
      PrivateFolder into, Path old, String suffix, Predicate<String> mayTake, Set<String> ownFilesToDrop)
      throws IOException {
    Path base = old.getParent();
    if (base == null || !isRealFolder(base) || !isRealFolder(old) || old.equals(into.path())) {
      return Takeover.NOTHING;
    }
    int taken = 0;
    int leftAlone = 0;
    int failed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(old)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        FileFacts facts = FileFacts.of(entry);
        if (!facts.exists()) {
          continue;
        }
        if (facts.fileRefusal(into.uid()) != null) {
          leftAlone++; // another user's, a link, a folder: not ours to touch
          continue;
        }
        try {
          if (name.endsWith(suffix) && mayTake.test(name)) {
            byte[] content =
                Uninterrupted.run(() -> PrivateFolder.readChecked(entry, into.uid(), into.disk(), PrivateFolder.MAX_READ_BYTES));
            into.writeNew(name, content);
            into.disk().delete(entry);
            taken++;
          } else if (ownFilesToDrop.contains(name)) {
            into.disk().delete(entry);
          }
        } catch (IOException | RuntimeException e) {
          failed++;
        }
      }
    }
    removeIfEmpty(old);
    removeIfEmpty(base);
    return new Takeover(taken, leftAlone, failed);
  }

  private static boolean isRealFolder(Path path) throws IOException {
    FileFacts facts = FileFacts.of(path);
    return facts.exists() && facts.directory() && !facts.symbolicLink();
  }

  private static void removeIfEmpty(Path folder) {
    try {
      Files.delete(folder); // fails unless empty and ours to remove: then it stays
    } catch (IOException | RuntimeException e) {
      // still in use, or another user's
    }
  }
}
