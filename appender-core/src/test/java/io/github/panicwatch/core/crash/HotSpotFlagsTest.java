package io.github.panicwatch.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotSpotFlagsTest {
  private static final Path WORKING = Path.of("/srv/app");

  @Test
  void expandsTheErrorFilePatternAsHotSpotDoes() {
    assertThat(errorFile("-XX:ErrorFile=/var/log/hs_err_%p.log")).isEqualTo(Path.of("/var/log/hs_err_4711.log"));
    assertThat(errorFile("-XX:ErrorFile=/var/log/%p/crash-%p.log")).isEqualTo(Path.of("/var/log/4711/crash-4711.log"));
    assertThat(errorFile("-XX:ErrorFile=/var/log/100%%-%%p-%x.log")).isEqualTo(Path.of("/var/log/100%-%p-%x.log"));
    assertThat(errorFile("-XX:ErrorFile=/var/log/crash.log%")).isEqualTo(Path.of("/var/log/crash.log%"));
    assertThat(errorFile("-XX:ErrorFile=logs/../hs_err_%p.log")).isEqualTo(Path.of("/srv/app/hs_err_4711.log"));
  }

  @Test
  void findsTheReportsOfEveryPidWhereTheErrorFilePatternPutsThem() {
    ReportLocation logs = location("-XX:ErrorFile=/var/log/app/hs_err_%p.log");
    ReportLocation twice = location("-XX:ErrorFile=crash-%p-of-%p.txt");
    ReportLocation fixed = location("-XX:ErrorFile=/var/log/app/crash.log");

    assertThat(logs.folder()).isEqualTo(Path.of("/var/log/app"));
    assertThat(logs.pidOf("hs_err_4711.log")).isEqualTo(4711);
    assertThat(logs.pidOf("hs_err_.log")).isEqualTo(-1);
    assertThat(logs.pidOf("hs_err_4711.log.gz")).isEqualTo(-1);
    assertThat(twice.folder()).isEqualTo(WORKING);
    assertThat(twice.pidOf("crash-7-of-7.txt")).isEqualTo(7);
    assertThat(twice.pidOf("crash-7-of-8.txt")).isEqualTo(-1);
    assertThat(fixed.pidOf("crash.log")).isZero(); // a report's name, its pid in its banner
    assertThat(location("-XX:ErrorFile=/var/log/%p/hs_err.log")).isNull(); // not searched
    assertThat(location("-Xmx1g")).isNull();
    assertThat(ReportLocation.workingFolder(WORKING).pidOf("hs_err_pid4711.log")).isEqualTo(4711);
  }

  @Test
  void hasNoErrorFileWhenTheCommandGivesNone() {
    assertThat(HotSpotFlags.of(List.of("java", "-jar", "app.jar"), Map.of()).errorFile(4711, WORKING)).isNull();
    assertThat(HotSpotFlags.of(List.of("java", "-XX:ErrorFile=", "-jar", "app.jar"), Map.of()).errorFile(4711, WORKING))
        .isNull();
  }

  @Test
  void takesTheLastSettingInTheOrderTheJvmAppliesItsOptionSources() {
    Map<String, String> environment =
        Map.of(
            "JAVA_TOOL_OPTIONS", " -Xmx1g  -XX:ErrorFile=/tool/%p.log -XX:-CreateCoredumpOnCrash ",
            "JDK_JAVA_OPTIONS", "-XX:ErrorFile=/jdk/%p.log");

    HotSpotFlags flags = HotSpotFlags.of(List.of("sh", "-c", "exec \"$@\"", "java", "-XX:ErrorFile=/cmd/%p.log"), environment);
    HotSpotFlags overridden =
        HotSpotFlags.of(List.of("java", "-XX:ErrorFile=/cmd/%p.log"), Map.of("_JAVA_OPTIONS", "-XX:ErrorFile=/last/%p.log"));
    HotSpotFlags fromTheEnvironment = HotSpotFlags.of(List.of("java", "App"), environment);

    assertThat(flags.errorFile(1, WORKING)).isEqualTo(Path.of("/cmd/1.log"));
    assertThat(overridden.errorFile(1, WORKING)).isEqualTo(Path.of("/last/1.log"));
    assertThat(fromTheEnvironment.errorFile(1, WORKING)).isEqualTo(Path.of("/jdk/1.log"));
    assertThat(flags.fatalErrorExitCode()).isEqualTo(1); // JAVA_TOOL_OPTIONS turned core dumps off
  }

  @Test
  void endsAFatalErrorWithSigabrtUnlessCoreDumpsAreTurnedOff() {
    assertThat(HotSpotFlags.of(List.of("java", "App"), Map.of()).fatalErrorExitCode()).isEqualTo(134);
    assertThat(HotSpotFlags.of(List.of("java", "-XX:-CreateCoredumpOnCrash", "App"), Map.of()).fatalErrorExitCode())
        .isEqualTo(1);
    assertThat(
            HotSpotFlags.of(List.of("java", "-XX:-CreateCoredumpOnCrash", "-XX:+CreateCoredumpOnCrash", "App"), Map.of())
                .fatalErrorExitCode())
        .isEqualTo(134);
  }

  private static ReportLocation location(String flag) {
    return HotSpotFlags.of(List.of("java", flag, "-jar", "app.jar"), Map.of()).errorFileLocation(WORKING);
  }

  private static Path errorFile(String flag) {
    return HotSpotFlags.of(List.of("java", flag, "-jar", "app.jar"), Map.of()).errorFile(4711, WORKING);
  }
}
