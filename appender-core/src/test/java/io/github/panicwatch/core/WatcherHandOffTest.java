package io.github.panicwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
