package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code sh} children: a hung child or a held-open pipe fails the wait with what was printed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildProcessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static ChildProcess sh(String script) throws Exception {
    return ChildProcess.start(new ProcessBuilder("sh", "-c", script));
  }

  @Test
  void returnsTheExitCodeAndBothStreamsWhole() throws Exception {
    try (ChildProcess child = sh("printf 'out\\nmore'; printf 'err' >&2; exit 3")) {
      ChildProcess.Exit exit = child.awaitExit(GENEROUS);
      assertThat(exit.code()).isEqualTo(3);
      assertThat(exit.stdoutText()).isEqualTo("out\nmore");
      assertThat(exit.stderrText()).isEqualTo("err");
    }
  }

  @Test
  void aChildThatDoesNotExitFailsTheWaitWithWhatItPrintedAndIsKilled() throws Exception {
    try (ChildProcess child = sh("echo partial line; exec sleep 120")) {
      child.awaitStdout("partial", GENEROUS);

      assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("still running after PT0.2S; killed")
          .hasMessageContaining("Its stdout so far:\npartial line\n");
      assertThat(child.process().waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("killed").isTrue();
    }
  }

  @Test
  void aChildWhoseOwnChildHoldsItsOutputOpenFailsTheWait() throws Exception {
    ProcessHandle holder = null;
    // the JDK drains and closes a child's pipe when it exits if no read is blocked on it at that
    // moment: the second's sleep lets the reader block first, so the grandchild's hold is seen
    try (ChildProcess child = sh("sleep 120 & echo $!; sleep 1")) {
      assertThat(child.process().waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
      child.awaitStdout("\n", GENEROUS);
      holder = ProcessHandle.of(Long.parseLong(child.stdoutSoFar().trim())).orElseThrow();

      assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("exited with 0 but its output was still open");
    } finally {
      if (holder != null) {
        holder.destroyForcibly(); // an orphan now: no longer the child's descendant
      }
    }
  }

  @Test
  void waitingForTextEndsWithAFailureAsSoonAsStdoutEndsWithoutIt() throws Exception {
    try (ChildProcess child = sh("echo something else")) {
      // far longer than the test's timeout: only the stream's end can end this wait in time
      assertThatThrownBy(() -> child.awaitStdout("ready", Duration.ofMinutes(10)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("stdout ended without [ready]")
          .hasMessageContaining("something else");
    }
  }

  @Test
  void aStreamSentToAFileIsReadFromThatFile() throws Exception {
    Path out = dir.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo ready; exit 4").redirectOutput(out.toFile());
    try (ChildProcess child = ChildProcess.start(builder)) {
      child.awaitStdout("ready", GENEROUS);
      ChildProcess.Exit exit = child.awaitExit(GENEROUS);
      assertThat(exit.code()).isEqualTo(4);
      assertThat(exit.stdoutText()).isEqualTo("ready\n").isEqualTo(Files.readString(out));
    }
  }
}
