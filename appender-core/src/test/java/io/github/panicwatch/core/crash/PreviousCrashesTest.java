package io.github.panicwatch.core.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.storage.ForeignFile;
import io.github.panicwatch.testing.SecondUser;
import io.github.panicwatch.testing.StatusRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the fatal-error reports an earlier run left, in real folders with real files, owners
 * and links; "this JVM" started a minute after the reports were written. Only what is an earlier
 * run's own, finished report is reported, and each once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreviousCrashesTest {
  @TempDir Path dir;
  private Path work;
  private Instant thisJvmStarted;
  private final List<ObservedPanic> sent = new ArrayList<>();
  private final StatusRecorder status = new StatusRecorder();

  @BeforeEach
  void folders() throws IOException {
    work = Files.createDirectory(dir.resolve("work"));
    thisJvmStarted = Instant.now().plusSeconds(60);
  }

  @Test
  void reportsAnEarlierRunsReportOnceAsTheWatcherWouldWithTheReportsTimeAndPid() throws IOException {
    Path report = report(work.resolve("hs_err_pid4242.log"));

    scan();
    List<ObservedPanic> first = List.copyOf(sent);
    scan(); // the third run

    assertThat(first).singleElement().satisfies(panic -> {
      assertThat(panic.timestamp()).isEqualTo(Files.getLastModifiedTime(report).toInstant());
      assertThat(panic.message()).isEqualTo("JVM fatal error: SIGSEGV (0xb) at pc=0x00007fc51d6d3b8c, pid=15192, tid=15193");
      assertThat(panic.tags()).containsExactly(Map.entry("crash", "fatal_error"), Map.entry("pid", "4242"));
      assertThat(panic.exceptions()).singleElement().satisfies(exception -> {
        assertThat(exception.getType()).isEqualTo("SIGSEGV");
        assertThat(exception.getValue()).isEqualTo("V  [libjvm.so+0xed3b8c]  Unsafe_GetInt+0x12c");
      });
      assertThat(panic.extras()).containsEntry("hs_err_file", report.toString())
          .containsEntry("problematic_frame", "V  [libjvm.so+0xed3b8c]  Unsafe_GetInt+0x12c")
          .containsKey("fatal_error_banner");
      assertThat((String) panic.extras().get("hs_err_excerpt")).contains("Command Line: "); // scrubbed with the event
    });
    assertThat(sent).hasSize(1);
    assertThat(status.lines()).containsExactly("INFO reported the fatal error(s) an earlier run left: ["
        + report + "]");
  }

  @Test
  void leavesASymbolicLinkAndAReportWrittenSinceThisJvmStartedAlone() throws IOException {
    Path elsewhere = report(Files.createDirectory(dir.resolve("elsewhere")).resolve("hs_err_pid7.log"));
    Path link = Files.createSymbolicLink(work.resolve("hs_err_pid7.log"), elsewhere);
    Path tooNew = report(work.resolve("hs_err_pid8.log"));
    Files.setLastModifiedTime(tooNew, FileTime.from(thisJvmStarted.plusMillis(1))); // a process beside this one

    scan();

    assertThat(sent).isEmpty();
    assertThat(status.lines()).containsExactly(
        "WARN the fatal-error report " + link + ": it is a symbolic link; it is not reported");
  }

  @Test
  void leavesAReportOfAnotherUserAlone() throws IOException {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Path planted = report(work.resolve("hs_err_pid9.log"));
    SecondUser.chown(planted);

    scan();

    assertThat(sent).isEmpty();
    assertThat(status.lines()).singleElement().asString()
        .startsWith("WARN the fatal-error report " + planted + ": it belongs to another user (uid ");
  }

  @Test
  void leavesAReportForALaterStartWhileTheProcessThatWroteItRuns() throws Exception {
    Process writer = new ProcessBuilder("sleep", "60").start();
    try {
      Thread.sleep(1_100); // its start, which the kernel tells to about a second, is before the report
      report(work.resolve("hs_err_pid" + writer.pid() + ".log"));

      scan(PreviousCrashes::alive);
      assertThat(sent).isEmpty();
      assertThat(status.lines()).singleElement().asString().endsWith(" is left for a later start: process "
          + writer.pid() + ", which wrote it, still runs");

      writer.destroyForcibly().waitFor();
      scan(PreviousCrashes::alive);
      assertThat(sent).singleElement().satisfies(panic -> assertThat(panic.tags()).containsEntry("pid", "" + writer.pid()));
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void findsReportsWhereTheErrorFileFlagPutsThemTakingThePidFromTheBannerWhereTheNameHasNone() throws IOException {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path perPid = report(logs.resolve("crash-31.txt"));
    Path fixed = report(Files.createDirectory(dir.resolve("fixed")).resolve("crash.log"));

    scan(HotSpotFlags.of(List.of("-XX:ErrorFile=" + logs + "/crash-%p.txt"), Map.of()).errorFileLocation(work));
    scan(HotSpotFlags.of(List.of("-XX:ErrorFile=" + fixed), Map.of()).errorFileLocation(work));

    assertThat(sent).extracting(panic -> panic.extras().get("hs_err_file")).containsExactly(perPid.toString(), fixed.toString());
    assertThat(sent).extracting(panic -> panic.tags().get("pid")).containsExactly("31", "15192");
  }

  @Test
  void reportsTheNewestFivePerStartAndPassesOverTheOlderOnes() throws IOException {
    for (int pid = 1; pid <= 7; pid++) {
      Path report = report(work.resolve("hs_err_pid" + pid + ".log"));
      Files.setLastModifiedTime(report, FileTime.from(thisJvmStarted.minusSeconds(3600 - pid)));
    }

    scan();
    scan();

    assertThat(sent).extracting(panic -> panic.tags().get("pid")).containsExactly("7", "6", "5", "4", "3");
    assertThat(status.lines()).contains("WARN 2 older fatal-error report(s) were not reported:"
        + " at most 5 per start, the newest");
  }

  @Test
  void leavesAReportTheWatcherReportedAlone() throws IOException {
    Path report = report(work.resolve("hs_err_pid4242.log"));
    assertThat(reported().claim(ForeignFile.check(report, ForeignFile.currentUid()))).isTrue();

    scan();

    assertThat(sent).isEmpty();
    assertThat(status.lines()).isEmpty();
  }

  @Test
  void reportsAReportItCannotClaimRatherThanNeverAndSaysSo() throws IOException {
    Path report = report(work.resolve("hs_err_pid4343.log"));
    Path notAFolder = Files.writeString(dir.resolve("cache-is-a-file"), "");
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.CACHE_DIR_PATH, notAFolder.toString()); // the claims cannot be kept

    new PreviousCrashes(List.of(ReportLocation.workingFolder(work)), thisJvmStarted, (pid, written) -> false,
        ReportedCrashes.of(options, status), sent::add, status).run();

    assertThat(sent).singleElement().satisfies(panic -> assertThat(panic.tags()).containsEntry("pid", "4343"));
    assertThat(status.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN cannot record that " + report
        + " is reported; it is reported now, and may be again at the next start"));
  }

  private void scan() {
    scan(ReportLocation.workingFolder(work));
  }

  private void scan(ReportLocation location) {
    new PreviousCrashes(List.of(location), thisJvmStarted, (pid, written) -> false, reported(), sent::add, status).run();
  }

  private void scan(PreviousCrashes.Writers writers) {
    new PreviousCrashes(List.of(ReportLocation.workingFolder(work)), thisJvmStarted, writers, reported(),
        sent::add, status).run();
  }

  private ReportedCrashes reported() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.CACHE_DIR_PATH, dir.resolve("cache").toString());
    return ReportedCrashes.of(options, status);
  }

  private static Path report(Path file) throws IOException {
    return Files.writeString(file, FatalErrorBannerTest.REPORT);
  }
}
