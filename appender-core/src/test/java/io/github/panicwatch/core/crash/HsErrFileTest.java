package io.github.panicwatch.core.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The checks on real files: owners, links, times, folders and sizes as a shared host has them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HsErrFileTest {
  private static final String REPORT = "# A fatal error has been detected\n# SIGSEGV\n"
      + "---------------  P R O C E S S  ---------------\nPASSWORD=kept-on-the-machine\n";
  private static final String SECRET = "root:$6$not-for-sentry";

  @TempDir Path dir;
  private int uid;
  private Instant started;

  @BeforeEach
  void childStarted() throws IOException {
    uid = uidOf(dir);
    started = Instant.now().minusSeconds(5);
  }

  @Test
  void readsTheHeadOfTheChildsOwnReportUpToTheProcessSection() throws IOException {
    Path report = Files.writeString(dir.resolve("hs_err_pid42.log"), REPORT);

    HsErrFile.Outcome outcome = HsErrFile.readOwn(report, uid, started);

    assertThat(outcome.file()).isEqualTo(report);
    assertThat(outcome.excerpt()).isEqualTo("# A fatal error has been detected\n# SIGSEGV\n");
    assertThat(outcome.notRead()).isNull();
  }

  @Test
  void refusesASymbolicLinkNamedLikeTheReport() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), SECRET);
    Path link = Files.createSymbolicLink(dir.resolve("hs_err_pid42.log"), secret);

    assertRefused(HsErrFile.readOwn(link, uid, started), link + ": it is a symbolic link");
  }

  @Test
  void refusesAHardLinkToAnotherFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), SECRET);
    Path link = Files.createLink(dir.resolve("hs_err_pid42.log"), secret);

    assertRefused(HsErrFile.readOwn(link, uid, started), link + ": it has 2 hard links");
  }

  @Test
  void refusesAFifoWithoutBlockingOnIt() throws Exception {
    Path fifo = dir.resolve("hs_err_pid42.log");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed to make a FIFO");

    assertRefused(HsErrFile.readOwn(fifo, uid, started), fifo + ": it is not a regular file");
  }

  @Test
  void refusesAReportOfAnEarlierProcessWithTheSamePid() throws IOException {
    Path old = Files.writeString(dir.resolve("hs_err_pid1.log"), REPORT);
    Files.setLastModifiedTime(old, FileTime.from(started.minusSeconds(3600)));

    assertThat(HsErrFile.readOwn(old, uid, started).notRead()).startsWith(old + ": it was last modified at ")
        .endsWith(", before the child started: an earlier process's");
  }

  @Test
  void readsAnEarlierRunsReportOnlyIfItWasWrittenBeforeThisJvmStarted() throws IOException {
    Path report = Files.writeString(dir.resolve("hs_err_pid42.log"), REPORT);
    Instant written = Files.getLastModifiedTime(report).toInstant();

    assertThat(HsErrFile.readEarlier(report, uid, written.plusMillis(100)).excerpt()).startsWith("# A fatal error");
    assertThat(HsErrFile.readEarlier(report, uid, written).notRead())
        .isEqualTo(report + ": it was last modified at " + written + ", after this JVM started: not an earlier run's");
  }

  @Test
  void refusesAFileOfAnotherUser() throws IOException {
    Path planted = Files.writeString(dir.resolve("hs_err_pid42.log"), SECRET);
    UserPrincipal nobody = anotherUser();
    Files.setOwner(planted, nobody);

    assertRefused(HsErrFile.readOwn(planted, uid, started),
        planted + ": it belongs to another user (uid " + uidOf(planted) + ")");
  }

  @Test
  void refusesAFileInAFolderOfAnotherUserOrOneOthersMayWriteTo() throws IOException {
    Path theirs = Files.createDirectory(dir.resolve("theirs"));
    Path inTheirs = Files.writeString(theirs.resolve("hs_err_pid42.log"), REPORT);
    Files.setOwner(theirs, anotherUser());
    Path open = Files.createDirectory(dir.resolve("open"));
    Path inOpen = Files.writeString(open.resolve("hs_err_pid42.log"), REPORT);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path sticky = Files.createDirectory(dir.resolve("sticky"));
    Path inSticky = Files.writeString(sticky.resolve("hs_err_pid42.log"), REPORT);
    Files.setAttribute(sticky, "unix:mode", 01777); // as /tmp

    assertRefused(HsErrFile.readOwn(inTheirs, uid, started),
        inTheirs + ": it is in a folder of uid " + uidOf(theirs) + ", who could have put it there");
    assertRefused(HsErrFile.readOwn(inOpen, uid, started), inOpen
        + ": it is in a folder that group or others may write to, without the sticky bit: it could have been swapped");
    assertThat(HsErrFile.readOwn(inSticky, uid, started).excerpt()).startsWith("# A fatal error");
  }

  @Test
  void readsAtMostItsBoundOfAHugeFileWithoutLineBreaks() throws IOException {
    Path huge = Files.createFile(dir.resolve("hs_err_pid42.log"));
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(3L << 30); // 3 GB of zero bytes, sparse: more than any array holds
    }

    String excerpt = HsErrFile.readOwn(huge, uid, started).excerpt();

    assertThat(excerpt).isEqualTo("…[truncated]\n");
  }

  @Test
  void readsAFileTheBannerNamesOnlyByTheChildsNames() throws IOException {
    Path secret = Files.writeString(dir.resolve("shadow"), SECRET);
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path own = Files.writeString(elsewhere.resolve("hs_err_pid42.log"), REPORT);
    Path errorFile = Files.writeString(dir.resolve("crash-42.txt"), REPORT);

    assertRefused(HsErrFile.find(secret.toString(), null, 42, dir, uid, started),
        secret + " is not this child's report: pid 42 writes hs_err_pid42.log");
    assertRefused(HsErrFile.find("../" + dir.getFileName() + "/shadow", errorFile, 42, dir, uid, started),
        secret + " is not this child's report: pid 42 writes hs_err_pid42.log or " + errorFile);
    assertThat(HsErrFile.find(own.toString(), null, 42, dir, uid, started).file()).isEqualTo(own);
    assertThat(HsErrFile.find("crash-42.txt", errorFile, 42, dir, uid, started).file()).isEqualTo(errorFile);
  }

  private static void assertRefused(HsErrFile.Outcome outcome, String why) {
    assertThat(outcome.notRead()).isEqualTo(why);
    assertThat(outcome.file()).isNull();
    assertThat(outcome.excerpt()).isNull();
  }

  private static int uidOf(Path path) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue();
  }

  /** The user {@code nobody}, given away to as root; skips where the test cannot do that. */
  private UserPrincipal anotherUser() throws IOException {
    assumeTrue(uid == 0, "giving a file to another user needs root (CI runs as root)");
    return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
  }
}
