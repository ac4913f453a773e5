package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.crash.HotSpotFlags;
import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.select.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrashReporterTest {
  private static final List<RecordedLine> LATEST =
      List.of(new RecordedLine(0, Severity.INFO, "stderr", null, "last words", Map.of()));
  private static final Instant STARTED = Instant.now().minusSeconds(60);

  @TempDir Path dir;
  private final InfoOnlyStatus status = new InfoOnlyStatus();

  @Test
  void reportsATraceAndTheNonZeroExitAfterItAsOneEvent() {
    List<CrashReporter.Report> reports = reporter().reports(List.of(trace("main")), List.of(), exit(1), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().tags())
          .containsExactly(Map.entry("crash", "uncaught_exception"), Map.entry("exit_code", "1"), Map.entry("pid", "42"));
      assertThat(report.breadcrumbs()).isEmpty(); // the finding's own snapshot, not the latest lines
    });
  }

  @Test
  void skipsATraceTheAppenderInTheChildHandedOffAndAddsNoExitEvent() {
    List<CrashReporter.Report> reports =
        reporter().reports(
            List.of(trace("main"), trace("worker")),
            List.of(new WatcherHandOff.Reported("java.lang.IllegalStateException", "main")),
            exit(137),
            () -> LATEST);

    assertThat(reports).singleElement()
        .satisfies(report -> assertThat(report.panic().threadName()).isEqualTo("worker"));
  }

  @Test
  void reportsACrashSignalWithoutFindingsWithTheLatestLines() {
    List<CrashReporter.Report> reports = reporter().reports(List.of(), List.of(), exit(137), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().message()).isEqualTo("Killed by SIGKILL (exit code 137)");
      assertThat(report.panic().tags()).containsEntry("signal", "SIGKILL").containsEntry("crash", "signal");
      assertThat(report.breadcrumbs()).isEqualTo(LATEST);
    });
  }

  @Test
  void namesTheOomKillerForASigkillTheCgroupCountRoseAcrossWithTheLimitAndPeak() {
    OomKillEvidence rose = new OomKillEvidence(Path.of("/sys/fs/cgroup"), 3L, 4L, 1L << 30, (1L << 30) - 4096, null);

    List<CrashReporter.Report> reports = reporter().reports(List.of(), List.of(), sigkill(rose), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().message())
          .isEqualTo("Killed by the kernel's OOM killer (SIGKILL, exit code 137): memory limit 1 GiB, peak 1024 MiB");
      assertThat(report.panic().tags()).containsEntry("crash", "oom_killed").containsEntry("signal", "SIGKILL");
      assertThat(report.panic().exceptions()).singleElement().satisfies(exception -> {
        assertThat(exception.getType()).isEqualTo("OOMKilled");
        assertThat(exception.getValue()).isEqualTo("the kernel's OOM killer killed the child at its cgroup's memory limit of 1 GiB");
      });
      assertThat(report.panic().extras()).containsEntry("oom_kill_count_before", 3L).containsEntry("oom_kill_count_after", 4L)
          .containsEntry("memory_limit_bytes", 1L << 30).containsEntry("memory_peak_bytes", (1L << 30) - 4096)
          .containsEntry("cgroup", "/sys/fs/cgroup");
      assertThat(report.breadcrumbs()).isEqualTo(LATEST);
    });
  }

  @Test
  void reportsASigkillTheCountDidNotRiseAcrossOrThatCouldNotBeCheckedAsToday() {
    OomKillEvidence flat = new OomKillEvidence(Path.of("/sys/fs/cgroup"), 4L, 4L, null, null, null);
    OomKillEvidence unread = OomKillEvidence.unread("no memory cgroup in /proc/self/cgroup");

    ObservedPanic notOom = onlyPanic(sigkill(flat));
    ObservedPanic unknown = onlyPanic(sigkill(unread));

    assertThat(notOom.message()).isEqualTo("Killed by SIGKILL (exit code 137)");
    assertThat(notOom.tags()).containsEntry("crash", "signal");
    assertThat(notOom.exceptions()).isEmpty();
    assertThat(notOom.extras()).containsEntry("oom_kill_count_before", 4L).containsEntry("oom_kill_count_after", 4L);
    assertThat(unknown.tags()).containsEntry("crash", "signal");
    assertThat(unknown.extras()).containsExactly(Map.entry("oom_kill_not_read", "no memory cgroup in /proc/self/cgroup"));
  }

  @Test
  void reportsNothingForAPlainFailureExitOrAStopTheWatcherPassedOn() {
    CrashReporter reporter = reporter();
    assertThat(reporter.reports(List.of(), List.of(), exit(1), () -> LATEST)).isEmpty();
    assertThat(reporter.reports(List.of(), List.of(), exit(143), () -> LATEST)).isEmpty();
    assertThat(reporter.reports(List.of(), List.of(), new CrashReporter.ChildExit(42, 137, true, STARTED), () -> LATEST))
        .isEmpty();
  }

  /** Issue 11: each kind of crash text counts only with the ending its runtime really has. */
  @ParameterizedTest(name = "{0} then exit {1}: reported {2}")
  @CsvSource({
    "banner, 0, false", "banner, 1, false", "banner, 143, false", "banner, 134, true", "banner, 139, true",
    "banner, 137, true",
    "oom-line, 0, false", "oom-line, 1, false", "oom-line, 3, true",
    "panic, 0, false", "panic, 2, true", "panic, 137, true",
    "trace-main, 0, false", "trace-main, 1, true", "trace-main, 143, true",
    "trace-worker, 0, true", "trace-worker, 1, true",
  })
  void countsCrashTextOnlyWithTheExitItsRuntimeEndsWith(String text, int exitCode, boolean reported) {
    Finding finding = finding(text);

    List<CrashReporter.Report> reports = reporter().reports(List.of(finding), List.of(), exit(exitCode), () -> LATEST);

    List<String> crashes = reports.stream().map(report -> report.panic().tags().get("crash")).toList();
    if (reported) {
      assertThat(crashes).containsExactly(finding.kind().tag());
      assertThat(status.infos).isEmpty();
    } else {
      // a crash signal is still reported as what it is; the text is not
      assertThat(crashes).doesNotContain(finding.kind().tag()).isSubsetOf("signal");
      assertThat(status.infos).singleElement().asString().startsWith("not reported: the child printed what looks like a crash");
    }
  }

  @Test
  void countsABannerWithExitCode1WhereTheChildTurnedCoreDumpsOff() {
    CrashReporter reporter =
        reporter(List.of("java", "-XX:+CreateCoredumpOnCrash", "-XX:-CreateCoredumpOnCrash", "-jar", "app.jar"));

    assertThat(reporter.reports(List.of(finding("banner")), List.of(), exit(1), () -> LATEST)).hasSize(1);
    assertThat(reporter().reports(List.of(finding("banner")), List.of(), exit(1), () -> LATEST)).isEmpty();
  }

  @Test
  void reportsTheCrashSignalRatherThanTextTheExitDoesNotConfirm() {
    List<CrashReporter.Report> reports = reporter().reports(List.of(finding("oom-line")), List.of(), exit(137), () -> LATEST);

    assertThat(reports).singleElement()
        .satisfies(report -> assertThat(report.panic().message()).isEqualTo("Killed by SIGKILL (exit code 137)"));
  }

  @Test
  void reportsOnlyTheLastOfSeveralFatalErrorBanners() throws IOException {
    Path own = report(dir.resolve("hs_err_pid42.log"), "# own report\n");

    List<CrashReporter.Report> reports =
        reporter().reports(
            List.of(banner("SIGILL", dir.resolve("printed.log").toString()), banner("SIGSEGV", own.toString())),
            List.of(), exit(134), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.panic().exceptions().get(0).getType()).isEqualTo("SIGSEGV");
      assertThat(report.panic().extras()).containsEntry("hs_err_file", own.toString());
    });
    assertThat(status.infos).singleElement().asString().contains("a later banner followed it");
  }

  @Test
  void readsTheChildsOwnReportWhereTheBannerNamesItAndLeavesItUnscrubbedForTheEventsOnePass() throws IOException {
    Path own = report(dir.resolve("hs_err_pid42.log"), "# SIGSEGV\nCommand Line: -Dpassword=hunter2 App\n"
        + "---------------  P R O C E S S  ---------------\nJAVA_HOME=/secret\n");

    Map<String, Object> extras = onlyEvent(banner("SIGSEGV", own.toString())).extras();

    assertThat(extras).containsEntry("hs_err_file", own.toString())
        .containsEntry("hs_err_excerpt", "# SIGSEGV\nCommand Line: -Dpassword=hunter2 App\n")
        .doesNotContainKeys("hs_err_not_read", "hs_err_named");
  }

  @Test
  void leavesAFileTheBannerNamesUnreadWhenItIsNotTheChildsReportAndSaysWhy() throws IOException {
    Path secret = report(dir.resolve("shadow"), "root:$6$secret\n");

    Map<String, Object> extras = onlyEvent(banner("SIGSEGV", secret.toString())).extras();

    assertThat(extras).doesNotContainKeys("hs_err_file", "hs_err_excerpt", "hs_err_named");
    assertThat(extras.get("hs_err_not_read")).asString()
        .isEqualTo(secret + " is not this child's report: pid 42 writes hs_err_pid42.log");
    assertThat(extras.values()).noneMatch(value -> value.toString().contains("$6$secret"));
  }

  @Test
  void findsTheReportWhereTheChildsErrorFileFlagPutsItWhenTheBannerNamesNone() throws IOException {
    Path errors = Files.createDirectory(dir.resolve("errors"));
    Path own = report(errors.resolve("crash-42.log"), "# from -XX:ErrorFile\n");
    CrashReporter reporter = reporter(List.of("java", "-XX:ErrorFile=" + errors + "/crash-%p.log", "App"));

    List<CrashReporter.Report> reports = reporter.reports(List.of(banner("SIGSEGV", null)), List.of(), exit(134), () -> LATEST);

    assertThat(reports).singleElement().satisfies(report -> assertThat(report.panic().extras())
        .containsEntry("hs_err_file", own.toString())
        .containsEntry("hs_err_excerpt", "# from -XX:ErrorFile\n"));
  }

  @Test
  void saysWhereItLookedWhenTheBannerNamesNoReportAndThereIsNone() {
    Map<String, Object> extras = onlyEvent(banner("SIGSEGV", null)).extras();

    assertThat(extras.get("hs_err_not_read")).asString()
        .matches(Pattern.quote(dir.resolve("hs_err_pid42.log") + ": it does not exist; /tmp/hs_err_pid42.log: ") + ".*");
  }

  private ObservedPanic onlyEvent(Finding finding) {
    List<CrashReporter.Report> reports = reporter().reports(List.of(finding), List.of(), exit(134), () -> LATEST);
    assertThat(reports).hasSize(1);
    return reports.get(0).panic();
  }

  private CrashReporter reporter() {
    return reporter(List.of("java", "-jar", "app.jar"));
  }

  private CrashReporter reporter(List<String> command) {
    int uid;
    try {
      uid = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new CrashReporter(HotSpotFlags.of(command, Map.of()), dir, uid, null, status);
  }

  private static Path report(Path file, String text) throws IOException {
    return Files.writeString(file, text); // made now, after STARTED, by this test's user
  }

  private static CrashReporter.ChildExit sigkill(OomKillEvidence memory) {
    return new CrashReporter.ChildExit(42, 137, false, STARTED, memory);
  }

  private ObservedPanic onlyPanic(CrashReporter.ChildExit exit) {
    List<CrashReporter.Report> reports = reporter().reports(List.of(), List.of(), exit, () -> LATEST);
    assertThat(reports).hasSize(1);
    return reports.get(0).panic();
  }

  private static CrashReporter.ChildExit exit(int code) {
    return new CrashReporter.ChildExit(42, code, false, STARTED);
  }

  private static Finding finding(String text) {
    switch (text) {
      case "banner":
        return banner("SIGSEGV", null);
      case "oom-line":
        return one(new OutOfMemoryExitDetector(), "Terminating due to java.lang.OutOfMemoryError: Java heap space");
      case "panic":
        return one(new PanicHeaderDetector(List.of(Pattern.compile("^panic: "))), "panic: boom");
      case "trace-main":
        return trace("main");
      case "trace-worker":
        return trace("worker-1");
      default:
        throw new IllegalArgumentException(text);
    }
  }

  private static Finding banner(String signal, String file) {
    Detector.Block block = new FatalErrorDetector().open(FatalErrorDetector.BANNER);
    block.add("#  " + signal + " (0xb) at pc=0x00007f0000000000, pid=42, tid=43");
    block.add("# Problematic frame:");
    block.add("# V  [libjvm.so+0x1]  Unsafe_GetInt+0x1");
    if (file != null) {
      block.add("# An error report file with more information is saved as:");
      block.add("# " + file);
    }
    return block.finish();
  }

  private static Finding one(Detector detector, String line) {
    return detector.open(line).finish();
  }

  private static Finding trace(String thread) {
    Detector.Block block =
        new UncaughtTraceDetector().open("Exception in thread \"" + thread + "\" java.lang.IllegalStateException: x");
    block.add("\tat com.example.Main.main(Main.java:3)");
    return block.finish();
  }
}
