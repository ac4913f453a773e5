package io.github.panicwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherHandOffTest {
  @TempDir Path dir;

  @Test
  void readsBackEveryReportedThrowableInOrder() throws IOException {
    Path file = Files.createFile(dir.resolve("handoff.txt"));

    WatcherHandOff.append(file, new WatcherHandOff.Reported("java.lang.IllegalStateException", "main"));
    WatcherHandOff.append(file, new WatcherHandOff.Reported("java.io.IOException", "pool-1\tthread-2\nx"));

    assertThat(WatcherHandOff.read(file))
        .containsExactly(
            new WatcherHandOff.Reported("java.lang.IllegalStateException", "main"),
            new WatcherHandOff.Reported("java.io.IOException", "pool-1\tthread-2 x"));
  }

  @Test
  void readsNothingFromAMissingFile() {
    assertThat(WatcherHandOff.read(dir.resolve("missing.txt"))).isEmpty();
  }

  @Test
  void theAppenderNeverMakesTheFileItself() {
    Path missing = dir.resolve("handoff.txt");
    WatcherHandOff.append(missing, new WatcherHandOff.Reported("java.lang.IllegalStateException", "main"));
    assertThat(missing).doesNotExist();
  }

  @Test
  void theAppenderNeverWritesThroughASymbolicLink() throws IOException {
    Path secret = Files.writeString(dir.resolve("root-only.txt"), "root only\n");
    Path link = Files.createSymbolicLink(dir.resolve("handoff.txt"), secret);

    WatcherHandOff.append(link, new WatcherHandOff.Reported("java.lang.IllegalStateException", "main"));

    assertThat(secret).hasContent("root only\n");
    assertThat(WatcherHandOff.read(link)).isEmpty();
  }

  @Test
  void aPlannedFileIsMadeInTheUsersPrivateFolderOnlyItsOwnerCanUse() throws IOException {
    Path planned = WatcherHandOff.plan(System.nanoTime());
    try {
      assertThat(planned.getParent()).isEqualTo(io.github.panicwatch.core.storage.PrivateFolder.userFolder());
      assertThat(WatcherHandOff.create(planned, StatusSink.NONE)).isTrue();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(planned)))
          .isEqualTo("rw-------");
      WatcherHandOff.append(planned, new WatcherHandOff.Reported("java.lang.Error", "main"));
      assertThat(WatcherHandOff.read(planned)).containsExactly(new WatcherHandOff.Reported("java.lang.Error", "main"));
    } finally {
      Files.deleteIfExists(planned);
    }
  }
}
