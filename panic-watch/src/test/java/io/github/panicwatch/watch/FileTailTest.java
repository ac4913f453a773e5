package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileTailTest {
  @TempDir Path dir;
  private Path file;
  private final StderrBreadcrumbs breadcrumbs = new StderrBreadcrumbs(100);
  private final Queue<Finding> findings = new ConcurrentLinkedQueue<>();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private FileTail tail;

  @BeforeEach
  void openOnAFileWithAnEarlierRunInIt() throws IOException {
    file = Files.writeString(dir.resolve("app.log"),
        "Exception in thread \"main\" java.lang.Error: an earlier run\n\tat Old.main(Old.java:1)\nold line\n");
    StreamScanner scanner = new StreamScanner(List.of(new UncaughtTraceDetector()), breadcrumbs, true, findings::add);
    tail = FileTail.open("stderr", new FileTail.Start(file, Files.size(file)), () -> scanner, new Problems()).start();
  }

  @Test
  void scansAFileGrowingInSeveralStepsCompletelyAndInOrderFromWhereItEndedWhenOpened() throws Exception {
    append("one\n");
    awaitBreadcrumbs("one");
    append("two\nthr");
    awaitBreadcrumbs("one", "two");
    append("ee\nfour\n");
    awaitBreadcrumbs("one", "two", "three", "four");

    tail.childExited();

    assertThat(tail.awaitScanned(10_000)).isTrue();
    assertThat(messages()).containsExactly("one", "two", "three", "four");
    assertThat(findings).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void readsAFileTruncatedWhileTailedAgainFromItsStart() throws Exception {
    append("a line written before the rotation, longer than what follows it\n");
    awaitBreadcrumbs("a line written before the rotation, longer than what follows it");

    Files.writeString(file, "after\n", StandardOpenOption.TRUNCATE_EXISTING); // logrotate's copytruncate, then a write
    awaitBreadcrumbs("a line written before the rotation, longer than what follows it", "after");
    append("and on\n");
    tail.childExited();

    assertThat(tail.awaitScanned(10_000)).isTrue();
    assertThat(messages())
        .containsExactly("a line written before the rotation, longer than what follows it", "after", "and on");
  }

  @Test
  void readsWhatTheChildWroteBeforeItExitedThenEndsTheScanner() throws Exception {
    append("loading\nException in thread \"main\" java.lang.IllegalStateException: gone\n\tat App.main(App.java:3)");

    tail.childExited(); // at once: the tail may not have polled yet

    assertThat(tail.awaitScanned(10_000)).isTrue();
    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.message()).isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: gone");
      assertThat(finding.breadcrumbs()).extracting(RecordedLine::message).containsExactly("loading");
    });
    assertThat(messages()).containsExactly("loading");
  }

  private void append(String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private void awaitBreadcrumbs(String... lines) {
    await().atMost(Duration.ofSeconds(10)).until(() -> messages().equals(List.of(lines)));
  }

  private List<String> messages() {
    return breadcrumbs.snapshot().stream().map(RecordedLine::message).toList();
  }

  private final class Problems implements StatusSink {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message, Throwable cause) {
      problems.add(message);
    }

    @Override
    public void error(String message, Throwable cause) {
      problems.add(message);
    }
  }
}
