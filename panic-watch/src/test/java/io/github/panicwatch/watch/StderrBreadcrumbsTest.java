package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.select.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StderrBreadcrumbsTest {

  @Test
  void keepsTheLatestLinesOldestFirstDecodedAsStderrBreadcrumbs() {
    StderrBreadcrumbs breadcrumbs = new StderrBreadcrumbs(2);
    byte[] chunk = "one\ntwo\ndrei ü\n".getBytes(StandardCharsets.UTF_8);
    breadcrumbs.add(chunk, 0, 3, 1_000);
    breadcrumbs.add(chunk, 4, 3, 1_001);
    breadcrumbs.add(chunk, 8, 7, 1_002);

    assertThat(breadcrumbs.snapshot()).extracting(RecordedLine::message).containsExactly("two", "drei ü");
    RecordedLine last = breadcrumbs.snapshot().get(1);
    assertThat(last.epochNanos()).isEqualTo(1_002_000_000L);
    assertThat(last.level()).isEqualTo(Severity.INFO);
    assertThat(last.logger()).isEqualTo(StreamScanner.BREADCRUMB_CATEGORY);
    assertThat(last.mdc()).isEmpty();
  }

  @Test
  void aReleasedChunkCanBeRefilledWithoutChangingTheLinesKeptFromIt() {
    StderrBreadcrumbs breadcrumbs = new StderrBreadcrumbs(3);
    byte[] reused = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
    byte[] other = "three\n".getBytes(StandardCharsets.UTF_8);
    breadcrumbs.add(reused, 0, 3, 1_000);
    breadcrumbs.add(reused, 4, 3, 1_001);
    breadcrumbs.add(other, 0, 5, 1_002);

    breadcrumbs.release(reused);
    Arrays.fill(reused, (byte) 'x');

    assertThat(breadcrumbs.snapshot()).extracting(RecordedLine::message).containsExactly("one", "two", "three");
  }

  @Test
  void keepsNothingWithCapacityZero() {
    StderrBreadcrumbs breadcrumbs = new StderrBreadcrumbs(0);
    breadcrumbs.add(new byte[] {'x'}, 0, 1, 1);

    assertThat(breadcrumbs.snapshot()).isEmpty();
  }
}
