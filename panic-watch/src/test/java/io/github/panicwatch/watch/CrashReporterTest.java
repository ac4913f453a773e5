package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.core.select.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashReporterTest {
  private static final List<RecordedLine> LATEST =
      List.of(new RecordedLine(0, Severity.INFO, "stderr", null, "last words", Map.of()));

  private final CrashReporter reporter =
      new CrashReporter(Scrubber.compile(new ScrubOptions()), List.of("java", "-jar", "app.jar"), Path.of("."));

  @Test
  void reportsATraceAndTheNonZeroExitAfterItAsOneEvent() {
    List<CrashReporter.Report> reports =
        reporter.reports(List.of(trace("main")), List.of(), exit(1), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().tags())
          .containsExactly(Map.entry("crash", "uncaught_exception"), Map.entry("exit_code", "1"), Map.entry("pid", "42"));
      assertThat(report.breadcrumbs()).isEmpty(); // the finding's own snapshot, not the latest lines
    });
  }

  @Test
  void skipsATraceTheAppenderInTheChildHandedOffAndAddsNoExitEvent() {
    List<CrashReporter.Report> reports =
        reporter.reports(
            List.of(trace("main"), trace("worker")),
            List.of(new WatcherHandOff.Reported("java.lang.IllegalStateException", "main")),
            exit(137),
            () -> LATEST);

    assertThat(reports).singleElement()
        .satisfies(report -> assertThat(report.panic().threadName()).isEqualTo("worker"));
  }

  @Test
  void reportsACrashSignalWithoutFindingsWithTheLatestLines() {
    List<CrashReporter.Report> reports = reporter.reports(List.of(), List.of(), exit(137), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().message()).isEqualTo("Killed by SIGKILL (exit code 137)");
      assertThat(report.panic().tags()).containsEntry("signal", "SIGKILL").containsEntry("crash", "signal");
      assertThat(report.breadcrumbs()).isEqualTo(LATEST);
    });
  }

  @Test
  void reportsNothingForAPlainFailureExitOrAStopTheWatcherPassedOn() {
    assertThat(reporter.reports(List.of(), List.of(), exit(1), () -> LATEST)).isEmpty();
    assertThat(reporter.reports(List.of(), List.of(), exit(143), () -> LATEST)).isEmpty();
    assertThat(
            reporter.reports(List.of(), List.of(), new CrashReporter.ChildExit(42, 137, true), () -> LATEST))
        .isEmpty();
  }

  private static CrashReporter.ChildExit exit(int code) {
    return new CrashReporter.ChildExit(42, code, false);
  }

  private static Finding trace(String thread) {
    Detector.Block block =
        new UncaughtTraceDetector().open("Exception in thread \"" + thread + "\" java.lang.IllegalStateException: x");
    block.add("\tat com.example.Main.main(Main.java:3)");
    return block.finish();
  }
}
