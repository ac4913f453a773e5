package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StreamScannerTest {

  @Test
  void skipsTheWatchersOwnLinesInAFileItWritesToAsWellNeitherAsCrashNorAsBreadcrumb() {
    StderrBreadcrumbs breadcrumbs = new StderrBreadcrumbs(10);
    List<Finding> findings = new ArrayList<>();
    StreamScanner scanner =
        new StreamScanner(List.of(new PanicHeaderDetector(List.of(Pattern.compile("^panic")))), breadcrumbs, true,
            findings::add, StderrStatus.PREFIX);

    byte[] text = "serving\npanic-watch: warning: cannot create the hand-off file\nstill serving\n"
        .getBytes(StandardCharsets.UTF_8);
    scanner.accept(text, 0, text.length);
    scanner.end();

    assertThat(findings).isEmpty();
    assertThat(breadcrumbs.snapshot()).extracting(RecordedLine::message).containsExactly("serving", "still serving");
  }
}
