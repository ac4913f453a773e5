package io.github.panicwatch.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.storage.ForeignFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportedCrashesTest {
  @TempDir Path dir;

  @Test
  void letsOneClaimantReportAReportAndNoLaterOne() throws IOException {
    ForeignFile.Checked report = report("hs_err_pid42.log");

    assertThat(reported().claim(report)).isTrue();
    assertThat(reported().claim(report)).isFalse(); // a later start, a watcher
    assertThat(Files.readString(dir.resolve("cache/crashes/reported.txt"))).doesNotContain("hs_err");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cache/crashes/reported.txt"))))
        .isEqualTo("rw-------");
  }

  @Test
  void takesAReportWrittenAgainUnderTheSameNameForANewOne() throws IOException {
    ForeignFile.Checked first = report("hs_err_pid1.log"); // PID 1 of a container run
    assertThat(reported().claim(first)).isTrue();

    Files.writeString(dir.resolve("hs_err_pid1.log"), "# the next run's crash, at the same pid\n");
    Files.setLastModifiedTime(dir.resolve("hs_err_pid1.log"), FileTime.from(first.lastModified().plusSeconds(60)));

    assertThat(reported().claim(ForeignFile.check(dir.resolve("hs_err_pid1.log"), ForeignFile.currentUid()))).isTrue();
  }

  @Test
  void givesAReportToOneOfManyClaimantsAtOnce() throws Exception {
    ForeignFile.Checked report = report("hs_err_pid42.log");
    ExecutorService claimants = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(() -> reported().claim(report));
      }
      int winners = 0;
      for (Future<Boolean> claim : claimants.invokeAll(claims)) {
        winners += claim.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      claimants.shutdownNow();
    }
  }

  @Test
  void keepsTheNewestClaimsOnly() throws IOException {
    ReportedCrashes reported = reported();
    ForeignFile.Checked first = report("hs_err_pid1.log");
    reported.claim(first);
    for (int i = 2; i <= ReportedCrashes.MAX_ENTRIES + 1; i++) {
      Files.setLastModifiedTime(dir.resolve("hs_err_pid1.log"), FileTime.from(first.lastModified().plusSeconds(i)));
      reported.claim(ForeignFile.check(dir.resolve("hs_err_pid1.log"), ForeignFile.currentUid()));
    }

    assertThat(Files.readAllLines(dir.resolve("cache/crashes/reported.txt"))).hasSize(ReportedCrashes.MAX_ENTRIES);
    assertThat(reported.claim(first)).isTrue(); // forgotten: the oldest went
  }

  private ReportedCrashes reported() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.CACHE_DIR_PATH, dir.resolve("cache").toString());
    return ReportedCrashes.of(options, StatusSink.NONE);
  }

  private ForeignFile.Checked report(String name) throws IOException {
    Path file = Files.writeString(dir.resolve(name), FatalErrorBannerTest.REPORT);
    return ForeignFile.check(file, ForeignFile.currentUid());
  }
}
