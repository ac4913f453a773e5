package io.github.panicwatch.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FatalErrorBannerTest {
  /** The head of a report as OpenJDK 17 writes it. */
  static final String REPORT = "#\n"
      + "# A fatal error has been detected by the Java Runtime Environment:\n"
      + "#\n"
      + "#  SIGSEGV (0xb) at pc=0x00007fc51d6d3b8c, pid=15192, tid=15193\n"
      + "#\n"
      + "# JRE version: OpenJDK Runtime Environment (17.0.15+6) (build 17.0.15+6-Debian-1deb12u1)\n"
      + "# Problematic frame:\n"
      + "# V  [libjvm.so+0xed3b8c]  Unsafe_GetInt+0x12c\n"
      + "#\n"
      + "# If you would like to submit a bug report, please visit:\n"
      + "#   https://bugs.debian.org/openjdk-17\n"
      + "#\n"
      + "\n"
      + "---------------  S U M M A R Y ------------\n"
      + "\n"
      + "Command Line: -Dapi_key=sekrit App\n";

  @Test
  void readsTheBannerAtTheHeadOfAReportAsTheWatcherReadsItOnStdout() {
    FatalErrorBanner banner = FatalErrorBanner.inReport(REPORT);

    assertThat(banner.lines()).first().isEqualTo(FatalErrorBanner.FIRST_LINE);
    assertThat(banner.lines()).last().isEqualTo("#");
    assertThat(banner.message()).isEqualTo("JVM fatal error: SIGSEGV (0xb) at pc=0x00007fc51d6d3b8c, pid=15192, tid=15193");
    assertThat(banner.exception().getType()).isEqualTo("SIGSEGV");
    assertThat(banner.exception().getValue()).isEqualTo("V  [libjvm.so+0xed3b8c]  Unsafe_GetInt+0x12c");
    assertThat(banner.pid()).isEqualTo(15192);
    assertThat(banner.namedReport()).isNull();
    assertThat(banner.extras()).containsOnlyKeys("fatal_error_banner", "problematic_frame");
    assertThat((String) banner.extras().get("fatal_error_banner")).doesNotContain("Command Line");
  }

  @Test
  void findsNoBannerInTextWithoutOne() {
    assertThat(FatalErrorBanner.inReport("hello\n# A fatal error\n")).isNull();
  }

  @Test
  void makesAnInternalErrorOfABannerWithoutASignal() {
    FatalErrorBanner banner = FatalErrorBanner.inReport(FatalErrorBanner.FIRST_LINE + "\n#\n#  Internal Error (os_linux.cpp:1), pid=7\n#\n");

    assertThat(banner.exception().getType()).isEqualTo("InternalError");
    assertThat(banner.exception().getValue()).isEqualTo("no problematic frame named");
    assertThat(banner.message()).isEqualTo("JVM fatal error");
  }
}
