package io.github.panicwatch.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.testing.FaultyDisk;
import io.github.panicwatch.testing.SecondUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LineFileTest {
  @TempDir Path dir;
  private final FaultyDisk disk = new FaultyDisk();

  private LineFile file(String name) {
    return LineFile.at(dir.resolve(name), disk);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreAppendedWholeToANewFileOnlyItsOwnerCanRead() throws Exception {
    LineFile outbox = file("outbox.jsonl");
    outbox.append(bytes("{\"a\":1}"), true);
    outbox.append(bytes("{\"b\":2}"), true);

    assertThat(dir.resolve("outbox.jsonl")).hasContent("{\"a\":1}\n{\"b\":2}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outbox.jsonl"))))
        .isEqualTo("rw-------");
    assertThat(outbox.readLines(1024)).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void aLineCutShortByAFullDiskIsCutBackSoTheNextLineStartsClean() throws Exception {
    LineFile outbox = file("outbox.jsonl");
    outbox.append(bytes("{\"first\":1}"), true);
    disk.fillAfter(5);

    assertThatThrownBy(() -> outbox.append(bytes("{\"second\":2}"), true)).hasMessage("No space left on device");
    assertThat(dir.resolve("outbox.jsonl")).hasContent("{\"first\":1}\n");

    disk.makeRoom();
    outbox.append(bytes("{\"third\":3}"), true);
    assertThat(dir.resolve("outbox.jsonl")).hasContent("{\"first\":1}\n{\"third\":3}\n");
  }

  @Test
  void aTornLineLeftByAWriterKilledMidLineIsRemovedBeforeTheNextOne() throws Exception {
    Path path = dir.resolve("outbox.jsonl");
    Files.writeString(path, "{\"first\":1}\n{\"torn\":");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));

    long cut = file("outbox.jsonl").append(bytes("{\"next\":2}"), true);

    assertThat(cut).isEqualTo("{\"torn\":".length());
    assertThat(path).hasContent("{\"first\":1}\n{\"next\":2}\n");
  }

  @Test
  void aTornLineLongerThanOneScanChunkIsRemovedWhole() throws Exception {
    Path path = dir.resolve("outbox.jsonl");
    Files.writeString(path, "{\"first\":1}\n" + "x".repeat(20_000));

    file("outbox.jsonl").append(bytes("{\"next\":2}"), true);

    assertThat(path).hasContent("{\"first\":1}\n{\"next\":2}\n");
  }

  @Test
  void aSymbolicLinkIsRefusedAndWhatItPointsToIsNotWritten() throws Exception {
    Path secret = Files.writeString(dir.resolve("shadow"), "root:x:0:\n");
    Files.createSymbolicLink(dir.resolve("outbox.jsonl"), secret);

    assertThatThrownBy(() -> file("outbox.jsonl").append(bytes("{}"), true))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it is a symbolic link");
    assertThat(secret).hasContent("root:x:0:\n");
    assertThat(file("outbox.jsonl").refusal()).isEqualTo("it is a symbolic link");
  }

  @Test
  void aSecondHardLinkToAnotherFileIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("shadow"), "root:x:0:\n");
    Files.createLink(dir.resolve("outbox.jsonl"), secret);

    assertThatThrownBy(() -> file("outbox.jsonl").append(bytes("{}"), true))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it has 2 hard links");
    assertThat(secret).hasContent("root:x:0:\n");
  }

  @Test
  void aFileOfAnotherUserIsRefused() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Path theirs = Files.writeString(dir.resolve("outbox.jsonl"), "theirs\n");
    SecondUser.chown(theirs);

    assertThatThrownBy(() -> file("outbox.jsonl").append(bytes("{}"), true))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it belongs to another user");
    assertThat(theirs).hasContent("theirs\n");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoInPlaceOfTheFileIsRefusedWithoutWaitingForAReader() throws Exception {
    Path fifo = dir.resolve("outbox.jsonl");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

    assertThatThrownBy(() -> file("outbox.jsonl").append(bytes("{}"), true))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it is not a regular file");
    // opening a fifo only to read waits for a writer: it must be refused before
    assertThatThrownBy(() -> file("outbox.jsonl").readLines(1024))
        .isInstanceOf(RefusedFileException.class)
        .hasMessageContaining("it is not a regular file");
  }

  @Test
  void aCharacterDeviceSuchAsDevNullIsWrittenAsItIs() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS), "no /dev/null");
    assertThat(LineFile.at(Path.of("/dev/null"), disk).append(bytes("{}"), true)).isZero();
  }

  @Test
  void withoutCreateAMissingFileIsNotMade() {
    assertThatThrownBy(() -> file("handoff.txt").append(bytes("x"), false)).isInstanceOf(NoSuchFileException.class);
    assertThat(dir.resolve("handoff.txt")).doesNotExist();
  }

  @Test
  void readingLeavesOutATornLastLine() throws Exception {
    Files.writeString(dir.resolve("handoff.txt"), "one\ntwo\nthr");
    assertThat(file("handoff.txt").readLines(1024)).containsExactly("one", "two");
  }
}
