package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.core.storage.PrivateFolder;
import io.github.panicwatch.testing.FaultyDisk;
import io.github.panicwatch.testing.SecondUser;
import io.github.panicwatch.testing.StatusRecorder;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private final SentryOptions options = new SentryOptions();
  private final FaultyDisk disk = new FaultyDisk();
  private final StatusRecorder status = new StatusRecorder();
  private final List<Spool> opened = new ArrayList<>();
  @TempDir Path dir;
  private PrivateFolder folder;

  @BeforeEach
  void openFolder() throws Exception {
    folder = PrivateFolder.open(dir.resolve("spool"), disk, status);
  }

  private Spool open(int maxEvents) {
    Spool spool = new Spool("PANIC", folder, maxEvents, options.getSerializer(), options.getEnvelopeReader(), status.forAppender("PANIC"));
    opened.add(spool);
    return spool;
  }

  private SentryEnvelope envelope(String text) throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return SentryEnvelope.from(options.getSerializer(), event, null);
  }

  private String textOf(SentryEnvelope envelope) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    options.getSerializer().serialize(envelope, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What one pass of the sender would send: each pending envelope's text, then removed as sent. */
  private List<String> sendAll(Spool spool) throws Exception {
    List<String> sent = new ArrayList<>();
    for (Spool.Entry entry : spool.pending()) {
      SentryEnvelope envelope = spool.read(entry);
      if (envelope != null) {
        sent.add(textOf(envelope));
        spool.remove(entry);
      }
    }
    return sent;
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(folder.path())) {
      return files.sorted().toList();
    }
  }

  @AfterEach
  void release() {
    opened.forEach(Spool::release);
  }

  @Test
  void writtenEnvelopesArePendingOldestFirstAndReadBackUnchanged() throws Exception {
    Spool spool = open(10);
    SentryEnvelope first = envelope("first");
    spool.write(first);
    spool.write(envelope("second"));
    List<Spool.Entry> pending = spool.pending();
    assertThat(pending).hasSize(2).noneMatch(Spool.Entry::inMemory);
    assertThat(textOf(spool.read(pending.get(0)))).isEqualTo(textOf(first));
    assertThat(textOf(spool.read(pending.get(1)))).contains("second");
  }

  @Test
  void aFullSpoolDropsTheOldestAndCountsTheDropOnce() throws Exception {
    Spool spool = open(2);
    spool.write(envelope("one"));
    spool.write(envelope("two"));
    spool.write(envelope("three"));
    assertThat(spool.pending()).extracting(entry -> textOf(spool.read(entry)))
        .satisfiesExactly(text -> assertThat(text).contains("two"), text -> assertThat(text).contains("three"));
    assertThat(spool.takeUnreportedDrops()).isEqualTo(1);
    assertThat(spool.takeUnreportedDrops()).isZero();
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line).contains("dropped the 1 oldest unsent panic(s)"));
  }

  @Test
  void filesOfAReleasedOwnerAreAdoptedByTheNextOne() throws Exception {
    Spool earlier = open(10);
    earlier.write(envelope("left behind"));
    earlier.release();
    Spool spool = open(10);
    List<Spool.Entry> pending = spool.pending();
    assertThat(pending).hasSize(1);
    assertThat(textOf(spool.read(pending.get(0)))).contains("left behind");
    assertThat(earlier.pending()).isEmpty();
  }

  @Test
  void filesOfAnotherLiveOwnerAreLeftToIt() throws Exception {
    Spool other = open(10);
    other.write(envelope("theirs"));
    Spool spool = open(10);
    assertThat(spool.pending()).isEmpty();
    assertThat(spool.hasFiles()).isTrue();
    assertThat(other.pending()).hasSize(1);
  }

  @Test
  void filesOfADeadProcessAreAdopted() throws Exception {
    Spool spool = open(10);
    spool.write(envelope("from a dead process"));
    Path mine = spool.pending().get(0).file();
    // a pid far above pid_max on Linux (4194304) belongs to no live process
    Path orphan = mine.resolveSibling(mine.getFileName().toString().replaceFirst("\\.\\d+-", ".99999999-"));
    Files.move(mine, orphan);
    assertThat(spool.pending()).singleElement().satisfies(entry -> assertThat(entry.file()).exists().isNotEqualTo(orphan));
  }

  @Test
  void aPanicTheFullDiskCannotTakeWaitsInMemoryIsSentFromThereAndLeavesNoTornFile() throws Exception {
    Spool spool = open(10);
    disk.fillAfter(10);
    spool.write(envelope("while the disk is full"));

    assertThat(files()).isEmpty();
    assertThat(spool.hasFiles()).isTrue();
    assertThat(sendAll(spool)).singleElement().satisfies(text -> assertThat(text).contains("while the disk is full"));
    assertThat(spool.hasFiles()).isFalse();
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("WARN Panicwatch [PANIC]: cannot write to the spool [" + folder + "]: panics wait in memory (at most 10 and 8 MB)")
        .endsWith("No space left on device"));
  }

  @Test
  void panicsHeldInMemoryAreWrittenToTheSpoolAtTheFirstPassAfterTheDiskHasRoomAgain() throws Exception {
    Spool spool = open(10);
    disk.fillAfter(0);
    spool.write(envelope("one"));
    spool.write(envelope("two"));
    disk.makeRoom();

    List<Spool.Entry> pending = spool.pending();

    assertThat(pending).hasSize(2).noneMatch(Spool.Entry::inMemory);
    assertThat(files()).hasSize(2);
    assertThat(textOf(spool.read(pending.get(0)))).contains("one");
    assertThat(status.lines()).last().isEqualTo(
        "INFO Panicwatch [PANIC]: the spool [" + folder + "] can be written again; 2 panic(s) held in memory were written to it");
  }

  @Test
  void panicsHeldInMemoryAreBoundedTheOldestDroppedAndCounted() throws Exception {
    Spool spool = open(2);
    disk.fillAfter(0);
    spool.write(envelope("one"));
    spool.write(envelope("two"));
    spool.write(envelope("three"));

    assertThat(sendAll(spool)).hasSize(2).noneMatch(text -> text.contains("one"));
    assertThat(spool.takeUnreportedDrops()).isEqualTo(1);
    assertThat(status.lines()).anySatisfy(line -> assertThat(line).contains("dropped the 1 oldest panic(s) held in memory"));
  }

  @Test
  void aPanicHeldInMemoryAtStopIsLostWithAStatusLineSayingSo() throws Exception {
    Spool spool = open(10);
    disk.readOnlyFolders(true);
    spool.write(envelope("never sent"));
    spool.release();
    assertThat(status.lines()).last().satisfies(line -> assertThat(line)
        .contains("1 panic(s) held in memory are lost at stop: the spool [" + folder + "] could not be written"));
  }

  @Test
  void aSentFileThatCannotBeDeletedIsNeverSentAgainByThisProcessAndIsEmptiedForTheNextStart() throws Exception {
    Spool spool = open(10);
    spool.write(envelope("sent once"));
    disk.readOnlyFolders(true);

    assertThat(sendAll(spool)).hasSize(1);
    assertThat(sendAll(spool)).isEmpty();
    assertThat(sendAll(spool)).isEmpty();
    assertThat(files()).singleElement().satisfies(file -> assertThat(file).isEmptyFile());
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .contains("cannot delete the sent panic [")
        .contains("this process will not send it again, and it was emptied, so the next start skips it"));
    spool.release();

    Spool next = open(10);
    assertThat(sendAll(next)).isEmpty();
    disk.readOnlyFolders(false);
    assertThat(sendAll(next)).isEmpty();
    assertThat(files()).isEmpty(); // deleted once the folder allowed it
  }

  @Test
  void aSentFileThatCanNeitherBeDeletedNorEmptiedIsNotSentAgainByThisProcessAndTheStatusSaysTheNextStartMay() throws Exception {
    Spool spool = open(10);
    spool.write(envelope("sent once"));
    disk.readOnlyFileSystem(true);

    assertThat(sendAll(spool)).hasSize(1);
    assertThat(sendAll(spool)).isEmpty();
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .contains("but the next start may (it keeps its event_id, so Sentry drops the copy)"));
  }

  @Test
  void aFileOfADeadProcessInAReadOnlyFolderIsSentOnceWithoutBeingAdopted() throws Exception {
    Spool earlier = open(10);
    earlier.write(envelope("left behind"));
    earlier.release();
    disk.readOnlyFolders(true);
    Spool spool = open(10);

    assertThat(sendAll(spool)).hasSize(1);
    assertThat(sendAll(spool)).isEmpty();
  }

  @Test
  void linksAndFoldersPlantedInTheSpoolAreNeverReadSentOrDeletedAndNamedInOneWarningEach() throws Exception {
    Spool spool = open(10);
    Path secret = Files.writeString(dir.resolve("root-only.txt"), "root only");
    Path link = Files.createSymbolicLink(folder.file("0000000000001-000000001.1-x.envelope"), secret);

    assertThat(sendAll(spool)).isEmpty();
    assertThat(sendAll(spool)).isEmpty();
    assertThat(spool.hasFiles()).isFalse();
    assertThat(link).isSymbolicLink();
    assertThat(secret).hasContent("root only");
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .isEqualTo("WARN Panicwatch [PANIC]: ignored [" + link + "] in the spool: it is a symbolic link; it is never"
            + " read, sent or deleted (README \"Security\")"));
  }

  @Test
  void anEnvelopeOfAnotherUserIsNeverAdoptedSentOrDeleted() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Spool earlier = open(10);
    earlier.write(envelope("planted"));
    earlier.release();
    Path planted = files().get(0);
    SecondUser.chown(planted);

    Spool spool = open(10);
    assertThat(sendAll(spool)).isEmpty();
    assertThat(planted).exists();
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line).contains("it belongs to another user"));
  }

  @Test
  void withoutAFolderPanicsWaitInMemoryAndAreSentFromThere() throws Exception {
    Spool spool = new Spool("PANIC", null, 10, options.getSerializer(), options.getEnvelopeReader(), status.forAppender("PANIC"));
    opened.add(spool);
    spool.write(envelope("memory only"));
    assertThat(sendAll(spool)).singleElement().satisfies(text -> assertThat(text).contains("memory only"));
    assertThat(spool.hasFiles()).isFalse();
  }

  @Test
  void theOldSharedFolderGivesUpThisUsersUnsentPanicsOnlyAndKeepsEverythingElse() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Path old = Files.createDirectories(dir.resolve("tmp/panicwatch/1f4d09e3"));
    Path secret = Files.writeString(dir.resolve("root-only.txt"), "root only");
    Files.writeString(old.resolve("0000000000001-000000001.99999999-aaaa.envelope"), textOf(envelope("left by an old version")));
    Path theirs = Files.writeString(old.resolve("0000000000002-000000001.99999998-bbbb.envelope"), textOf(envelope("another user's")));
    SecondUser.chown(theirs);
    Path link = Files.createSymbolicLink(old.resolve("0000000000003-000000001.99999997-cccc.envelope"), secret);
    // pid 1 is alive: a process of an older version still sending its own files
    Path live = Files.writeString(old.resolve("0000000000004-000000001.1-dddd.envelope"), textOf(envelope("live")));
    Files.writeString(old.resolve(CrashLoopGuard.STATE_FILE), "abc 1 1 0\n");

    Spool spool = open(10);
    spool.takeOverLegacy(old);

    assertThat(sendAll(spool)).singleElement().satisfies(text -> assertThat(text).contains("left by an old version"));
    assertThat(theirs).exists();
    assertThat(live).exists();
    assertThat(link).isSymbolicLink();
    assertThat(secret).hasContent("root only");
    assertThat(old.resolve(CrashLoopGuard.STATE_FILE)).doesNotExist();
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("INFO Panicwatch [PANIC]: took over 1 unsent panic(s) of this user from [" + old + "]")
        .endsWith("; 2 file(s) of other users are left alone"));
  }

  @Test
  void anOldSharedFolderThatIsASymbolicLinkIsNotLookedInto() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("0000000000001-000000001.99999999-aaaa.envelope"), textOf(envelope("not here")));
    Files.createDirectories(dir.resolve("tmp/panicwatch"));
    Path old = Files.createSymbolicLink(dir.resolve("tmp/panicwatch/1f4d09e3"), elsewhere);

    Spool spool = open(10);
    spool.takeOverLegacy(old);

    assertThat(sendAll(spool)).isEmpty();
    assertThat(elsewhere.resolve("0000000000001-000000001.99999999-aaaa.envelope")).exists();
  }

  @Test
  void aFileThatCannotBeReadNowStaysForALaterPassInsteadOfBeingDeleted() throws Exception {
    Spool spool = open(10);
    spool.write(envelope("read later"));
    disk.failReads(true);

    assertThat(sendAll(spool)).isEmpty();
    assertThat(sendAll(spool)).isEmpty();
    assertThat(files()).hasSize(1);
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line)
        .contains("cannot read the spooled panic [").contains("it stays for a later try"));

    disk.failReads(false);
    assertThat(sendAll(spool)).singleElement().satisfies(text -> assertThat(text).contains("read later"));
  }

  @Test
  void aFileThatHoldsNoEnvelopeIsReportedAsUnreadable() throws Exception {
    Spool spool = open(10);
    spool.write(envelope("whole"));
    Path file = files().get(0);
    Files.writeString(file, "not an envelope");

    Spool.Entry entry = spool.pending().get(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> spool.read(entry)).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void anInterruptedThreadStillWritesAndReadsTheSpoolAndKeepsItsInterrupt() throws Exception {
    Spool spool = open(10);
    Thread.currentThread().interrupt();
    try {
      spool.write(envelope("written while interrupted"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(files()).hasSize(1);
      assertThat(sendAll(spool)).singleElement().satisfies(text -> assertThat(text).contains("written while interrupted"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
