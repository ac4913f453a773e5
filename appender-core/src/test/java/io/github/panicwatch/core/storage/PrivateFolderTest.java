package io.github.panicwatch.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.testing.FaultyDisk;
import io.github.panicwatch.testing.SecondUser;
import io.github.panicwatch.testing.StatusRecorder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFolderTest {
  @TempDir Path dir;
  private final StatusRecorder status = new StatusRecorder();

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static String[] names(Path folder) throws Exception {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aNewFolderIsMadeForTheOwnerAloneAndSoIsEveryFileInIt() throws Exception {
    PrivateFolder folder = PrivateFolder.open(dir.resolve("a/b/panicwatch-x"), status);
    folder.writeNew("one.envelope", "whole".getBytes(StandardCharsets.UTF_8));
    folder.createNew("handoff.txt");
    folder.openForUpdate("counts.txt").close();
    folder.lines("outbox.jsonl").append("{}".getBytes(StandardCharsets.UTF_8), true);

    assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(folder.path())).isEqualTo("rwx------");
    assertThat(names(folder.path())).containsExactly("counts.txt", "handoff.txt", "one.envelope", "outbox.jsonl");
    for (String name : names(folder.path())) {
      assertThat(mode(folder.file(name))).as(name).isEqualTo("rw-------");
    }
    assertThat(folder.read("one.envelope")).asString(StandardCharsets.UTF_8).isEqualTo("whole");
    assertThat(status.lines()).isEmpty();
  }

  @Test
  void anExistingFolderOfThisUserThatOthersCannotWriteIsUsedAsItIs() throws Exception {
    Path existing = Files.createDirectory(dir.resolve("panicwatch-x"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(PrivateFolder.open(existing, status).path()).isEqualTo(existing);
    assertThat(mode(existing)).isEqualTo("rwxr-xr-x"); // not ours to change
    assertThat(status.lines()).isEmpty();
  }

  @Test
  void aSymbolicLinkInPlaceOfTheFolderIsRefusedAndAPrivateFolderBesideItIsUsed() throws Exception {
    Path target = Files.createDirectory(dir.resolve("attackers"));
    Path link = Files.createSymbolicLink(dir.resolve("panicwatch-x"), target);

    PrivateFolder folder = PrivateFolder.open(link, status);
    folder.writeNew("one.envelope", new byte[] {1});

    assertThat(folder.path().getParent()).isEqualTo(dir);
    assertThat(folder.path().getFileName().toString()).matches("panicwatch-x\\.[0-9a-f]{16}");
    assertThat(mode(folder.path())).isEqualTo("rwx------");
    assertThat(names(target)).isEmpty();
    assertThat(status.lines())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("WARN not using the folder [" + link + "]: it is a symbolic link; using [" + folder.path() + "] instead"));
  }

  @Test
  void aFolderOthersCanWriteIsRefusedAndTheFolderUsedInsteadIsFoundAgainByTheNextOpen() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("panicwatch-x"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    PrivateFolder first = PrivateFolder.open(shared, status);
    PrivateFolder second = PrivateFolder.open(shared, status);

    assertThat(first.path()).isNotEqualTo(shared).isEqualTo(second.path());
    assertThat(status.lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("it is writable by group or others (mode 777)"));
  }

  @Test
  void aFolderOfAnotherUserIsRefused() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Path theirs = Files.createDirectory(dir.resolve("panicwatch-x"));
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
    SecondUser.chown(theirs);

    assertThat(PrivateFolder.open(theirs, status).path()).isNotEqualTo(theirs);
    assertThat(status.lines()).singleElement().satisfies(line -> assertThat(line).contains("it belongs to another user (uid "));
  }

  @Test
  void theListingNamesLinksAndFilesOfOtherUsersAsRefusedAndNothingReadsThem() throws Exception {
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), status);
    folder.writeNew("1-ours.envelope", new byte[] {1});
    Path secret = Files.writeString(dir.resolve("secret.txt"), "root only");
    Files.createSymbolicLink(folder.file("2-link.envelope"), secret);
    Files.createLink(folder.file("3-hardlink.envelope"), secret);
    Files.createDirectory(folder.file("4-folder.envelope"));
    Files.writeString(folder.file("not-an-envelope.txt"), "other");

    PrivateFolder.Listing listing = folder.list(".envelope");

    assertThat(listing.files()).containsExactly("1-ours.envelope");
    assertThat(listing.refused())
        .containsEntry("2-link.envelope", "it is a symbolic link")
        .containsEntry("3-hardlink.envelope", "it has 2 hard links")
        .containsEntry("4-folder.envelope", "it is not a regular file");
    assertThatThrownBy(() -> folder.read("2-link.envelope")).isInstanceOf(RefusedFileException.class);
    assertThatThrownBy(() -> folder.read("3-hardlink.envelope")).isInstanceOf(RefusedFileException.class);
  }

  @Test
  void aFileOfAnotherUserIsListedAsRefusedAndNeverRead() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), status);
    Path planted = Files.writeString(folder.file("1-planted.envelope"), "theirs");
    SecondUser.chown(planted);

    assertThat(folder.list(".envelope").refused()).containsOnlyKeys("1-planted.envelope");
    assertThatThrownBy(() -> folder.read("1-planted.envelope"))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it belongs to another user");
  }

  @Test
  void openingForUpdateRefusesASymbolicLinkAndLeavesWhatItPointsToAlone() throws Exception {
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), status);
    Path secret = Files.writeString(dir.resolve("secret.txt"), "root only");
    Files.createSymbolicLink(folder.file("counts.txt"), secret);

    assertThatThrownBy(() -> folder.openForUpdate("counts.txt")).isInstanceOf(RefusedFileException.class);
    assertThat(secret).hasContent("root only");
  }

  @Test
  void aWriteCutShortByAFullDiskLeavesNoFileBehind() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), disk, status);
    disk.fillAfter(3);

    assertThatThrownBy(() -> folder.writeNew("one.envelope", "more than three bytes".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("No space left on device");

    assertThat(names(folder.path())).isEmpty();
  }

  @Test
  void aFileOfAFolderThatNoLongerAllowsDeletingCanStillBeEmptied() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), disk, status);
    folder.writeNew("one.envelope", "sent".getBytes(StandardCharsets.UTF_8));
    disk.readOnlyFolders(true);

    assertThatThrownBy(() -> folder.delete("one.envelope")).isInstanceOf(java.nio.file.AccessDeniedException.class);
    assertThat(folder.empty("one.envelope")).isTrue();
    assertThat(folder.read("one.envelope")).isEmpty();

    disk.readOnlyFileSystem(true);
    assertThat(folder.empty("one.envelope")).isFalse();
  }

  @Test
  void aFileThatIsRewrittenInPlaceKeepsItsModeAndContent() throws Exception {
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), status);
    try (FileChannel channel = folder.openForUpdate("counts.txt")) {
      channel.write(ByteBuffer.wrap("a 1\n".getBytes(StandardCharsets.UTF_8)));
    }
    try (FileChannel channel = folder.openForUpdate("counts.txt")) {
      assertThat(channel.size()).isEqualTo(4);
    }
    assertThat(mode(folder.file("counts.txt"))).isEqualTo("rw-------");
  }

  @Test
  void namesThatLeaveTheFolderAreNotFileNames() throws Exception {
    PrivateFolder folder = PrivateFolder.open(dir.resolve("spool"), status);
    for (String name : new String[] {"../x", "a/b", "..", ".", ""}) {
      assertThatThrownBy(() -> folder.file(name)).as(name).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
