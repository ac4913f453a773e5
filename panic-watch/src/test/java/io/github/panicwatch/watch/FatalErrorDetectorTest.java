package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatalErrorDetectorTest {

  @Test
  void readsTheBannerTheJvmPrintsAfterAPrintedOneAsABannerOfItsOwn() {
    List<Finding> findings = new ArrayList<>();
    StreamScanner scanner =
        new StreamScanner(List.of(new FatalErrorDetector()), new StderrBreadcrumbs(10), false, findings::add);

    byte[] text = (banner("SIGILL", "/etc/shadow") + banner("SIGSEGV", "/srv/app/hs_err_pid42.log"))
        .getBytes(StandardCharsets.UTF_8);
    scanner.accept(text, 0, text.length);
    scanner.end();

    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).exceptions().get(0).getType()).isEqualTo("SIGILL");
    assertThat(findings.get(1).exceptions().get(0).getType()).isEqualTo("SIGSEGV");
    assertThat(findings.get(1).banner().namedReport()).isEqualTo("/srv/app/hs_err_pid42.log");
    assertThat(findings.get(1).extras()).containsEntry("problematic_frame", "V  [libjvm.so+0x1]  Unsafe_GetInt+0x1")
        .doesNotContainValue("/srv/app/hs_err_pid42.log"); // a claim, never sent as such
    assertThat(findings.get(1).message()).isEqualTo("JVM fatal error: SIGSEGV (0xb) at pc=0x1, pid=42, tid=43");
    assertThat(findings).allMatch(finding -> finding.confirmedBy() == ConfirmingExit.FATAL_ERROR);
  }

  private static String banner(String signal, String file) {
    return "#\n" + FatalErrorDetector.BANNER + "\n#\n#  " + signal + " (0xb) at pc=0x1, pid=42, tid=43\n#\n"
        + "# Problematic frame:\n# V  [libjvm.so+0x1]  Unsafe_GetInt+0x1\n#\n"
        + "# An error report file with more information is saved as:\n# " + file + "\n#\n";
  }
}
