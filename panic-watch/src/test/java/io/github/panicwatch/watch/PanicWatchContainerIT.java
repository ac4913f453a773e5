package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.watch.WatcherFixture.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the watcher as a container's entrypoint. PID 1 is had for real, in a new PID namespace
 * ({@code unshare --pid --fork}, which needs root, as CI has; it changes no setting of the machine
 * and mounts nothing): the watcher's own pid there is 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicWatchContainerIT {
  @TempDir Path dir;
  private WatcherFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new WatcherFixture(dir);
    fixture.environment.put("ENABLE_SENTRY", "false");
  }

  @Test
  void saysOnceAsPid1ThatOrphansAreNotReapedAndHowToRunIt() throws Exception {
    assumeTrue(newPidNamespaceWorks(), "unshare --pid --fork needs root (CI runs as root)");
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork"));
    command.addAll(WatcherFixture.watched(List.of(), List.of("sh", "-c", "echo \"child is pid $$\"")));

    Result watched = fixture.run(command);

    assertThat(watched.exitCode()).isZero();
    assertThat(watched.stdoutText()).matches("child is pid [0-9]+\n").isNotEqualTo("child is pid 1\n");
    assertThat(watched.stderrText()).isEqualTo("panic-watch: warning: " + Watcher.PID_1_WARNING + "\n");
    assertThat(Watcher.PID_1_WARNING).contains("docker run --init", "tini");
  }

  @Test
  void saysNothingOfPid1AsAnyOtherPid() throws Exception {
    Result watched = fixture.run(WatcherFixture.watched(List.of(), List.of("sh", "-c", "true")));

    assertThat(watched.exitCode()).isZero();
    assertThat(watched.stderrText()).isEmpty();
  }

  private static boolean newPidNamespaceWorks() throws IOException, InterruptedException {
    Process unshare = new ProcessBuilder("unshare", "--pid", "--fork", "true")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return unshare.waitFor(30, TimeUnit.SECONDS) && unshare.exitValue() == 0;
  }
}
