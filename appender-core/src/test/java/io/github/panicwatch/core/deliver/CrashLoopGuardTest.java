package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.panicwatch.core.deliver.CrashLoopGuard.Admission;
import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.storage.PrivateFolder;
import io.github.panicwatch.core.storage.RefusedFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashLoopGuardTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private PrivateFolder folder;

  @BeforeEach
  void openFolder() throws Exception {
    folder = PrivateFolder.open(dir.resolve("spool"), StatusSink.NONE);
  }

  @Test
  void sendsAtMostTheLimitPerWindowAndCountsTheRest() throws Exception {
    CrashLoopGuard guard = new CrashLoopGuard(folder, 5, HOUR);
    List<Admission> admissions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      admissions.add(guard.admit("abc", T0 + i));
    }
    assertThat(admissions).extracting(Admission::send).containsExactly(true, true, true, true, true, false, false, false);
    assertThat(admissions.get(7).suppressed()).isEqualTo(3);
  }

  @Test
  void theFirstEventOfTheNextWindowCarriesTheSuppressedCount() throws Exception {
    CrashLoopGuard guard = new CrashLoopGuard(folder, 1, HOUR);
    guard.admit("abc", T0);
    guard.admit("abc", T0 + 1);
    guard.admit("abc", T0 + 2);
    assertThat(guard.admit("abc", T0 + HOUR)).isEqualTo(new Admission(true, 2));
    assertThat(guard.admit("abc", T0 + 2 * HOUR)).isEqualTo(new Admission(true, 0));
  }

  @Test
  void aGuardOfALaterProcessOnTheSameFolderContinuesTheCounts() throws Exception {
    for (int run = 0; run < 5; run++) {
      assertThat(new CrashLoopGuard(folder, 5, HOUR).admit("abc", T0 + run).send()).isTrue();
    }
    assertThat(new CrashLoopGuard(folder, 5, HOUR).admit("abc", T0 + 10))
        .isEqualTo(new Admission(false, 1));
  }

  @Test
  void fingerprintsAreCountedSeparately() throws Exception {
    CrashLoopGuard guard = new CrashLoopGuard(folder, 1, HOUR);
    assertThat(guard.admit("one", T0).send()).isTrue();
    assertThat(guard.admit("two", T0).send()).isTrue();
    assertThat(guard.admit("one", T0 + 1).send()).isFalse();
  }

  @Test
  void aCountsFileThatIsASymbolicLinkIsRefusedAndWhatItPointsToIsLeftAlone() throws Exception {
    Path secret = Files.writeString(dir.resolve("root-only.txt"), "root only\n");
    Files.createSymbolicLink(folder.file(CrashLoopGuard.STATE_FILE), secret);

    assertThatThrownBy(() -> new CrashLoopGuard(folder, 5, HOUR).admit("abc", T0)).isInstanceOf(RefusedFileException.class);
    assertThat(secret).hasContent("root only\n");
  }
}
