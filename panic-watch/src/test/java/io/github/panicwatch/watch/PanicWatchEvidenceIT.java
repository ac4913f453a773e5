package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.SentryReceiver;
import io.github.panicwatch.watch.WatcherFixture.Result;
import io.github.panicwatch.watch.children.PrintThenEnd;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 end to end: text in the child's output that only looks like a crash, printed as a
 * service prints what its users send it, is no crash unless the child then really ends that way,
 * and the file a banner names is read only if it is the child's own report. A private file of the
 * watcher's user is named by the banners here; its content must never reach the receiver.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicWatchEvidenceIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(10);
  private static final String SECRET = "s3cr3t-shadow-line-4711";

  @TempDir Path dir;
  private SentryReceiver receiver;
  private WatcherFixture fixture;
  private List<String> watcherArgs;
  private Path secret;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = SentryReceiver.start();
    fixture = new WatcherFixture(dir);
    fixture.environment.put("SENTRY_DSN", receiver.dsn());
    watcherArgs = List.of("--config", config().toString());
    Path private_ = Files.createDirectory(dir.resolve("private"));
    secret = Files.writeString(private_.resolve("db-backup.txt"), SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void reportsNothingWhenTheChildPrintsAFatalErrorBannerNamingAPrivateFileAndExitsZero() throws Exception {
    Path banner = banner("SIGILL");

    List<String> child = new ArrayList<>(WatcherFixture.javaChild(PrintThenEnd.class));
    child.addAll(List.of(banner.toString(), "exit", "0"));

    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isZero();
    assertThat(watched.stdout()).isEqualTo(Files.readAllBytes(banner)); // passed through, as any text
    assertThat(receiver.requestCount()).isZero(); // the watcher has flushed and exited
  }

  @Test
  void reportsARealNativeCrashAfterAPrintedBannerFromItsOwnReportOnlyScrubbedOnce() throws Exception {
    Path errors = Files.createDirectory(dir.resolve("errors"));
    List<String> java = WatcherFixture.javaChild(PrintThenEnd.class, "-XX:ErrorFile=" + errors.resolve("hs_err_%p.log"),
        "-Dapi_key=sekrit-in-the-command-line");
    List<String> child = new ArrayList<>(List.of("sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\"")); // no core file
    child.addAll(java);
    child.addAll(List.of(banner("SIGILL").toString(), "crash"));

    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(134);
    JsonNode event = onlyEvent();
    String pid = event.at("/tags/pid").asText();
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("SIGSEGV"); // the JVM's banner, not the printed one
    assertThat(event.at("/extra/hs_err_file").asText()).isEqualTo(errors.resolve("hs_err_" + pid + ".log").toString());
    assertThat(event.at("/extra/hs_err_excerpt").asText())
        .contains("Command Line: ", "-Dapi_key=[Filtered]", "CrashNatively.main");
    assertThat(event.at("/extra/hs_err_not_read").isMissingNode()).isTrue();
    assertThat(wire()).doesNotContain(SECRET, "sekrit-in-the-command-line", "libc.so.6+0x1234"); // nor the printed banner
  }

  @Test
  void reportsADeathBySigsegvAfterAPrintedBannerWithoutReadingTheFileItNames() throws Exception {
    Path banner = banner("SIGSEGV");

    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, List.of("sh", "-c", "cat \"$0\"; kill -SEGV $$", banner.toString())));

    assertThat(watched.exitCode()).isEqualTo(139);
    JsonNode event = onlyEvent();
    String pid = event.at("/tags/pid").asText();
    assertThat(event.at("/tags/crash").asText()).isEqualTo("fatal_error");
    assertThat(event.at("/tags/signal").asText()).isEqualTo("SIGSEGV");
    assertThat(event.at("/extra/hs_err_excerpt").isMissingNode()).isTrue();
    assertThat(event.at("/extra/hs_err_file").isMissingNode()).isTrue();
    assertThat(event.at("/extra/hs_err_not_read").asText())
        .isEqualTo(secret + " is not this child's report: pid " + pid + " writes hs_err_pid" + pid + ".log");
    assertThat(wire()).doesNotContain(SECRET);
  }

  @Test
  void reportsNothingWhenTheChildQuotesTheOutOfMemoryExitLineAndExitsZeroAndSaysWhyWhenVerbose() throws Exception {
    List<String> args = new ArrayList<>(watcherArgs);
    args.add("--verbose");

    Result watched = fixture.run(WatcherFixture.watched(args,
        List.of("sh", "-c", "echo 'user said: hi'; echo 'Terminating due to java.lang.OutOfMemoryError: Java heap space'")));

    assertThat(watched.exitCode()).isZero();
    assertThat(receiver.requestCount()).isZero();
    assertThat(watched.stderrText()).contains("panic-watch: not reported: the child printed what looks like a crash"
        + " (out_of_memory), but the child exited 0, and -XX:+ExitOnOutOfMemoryError exits 3 after that line");
  }

  @Test
  void reportsNothingWhenTheChildQuotesAPanicHeaderAndExitsZero() throws Exception {
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs,
        List.of("sh", "-c", "printf 'panic: runtime error: index out of range\\n\\ngoroutine 1 [running]:\\n' >&2")));

    assertThat(watched.exitCode()).isZero();
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void reportsNothingWhenTheChildQuotesAMainThreadTraceAndExitsZero() throws Exception {
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, List.of("sh", "-c",
        "printf 'Exception in thread \"main\" java.lang.IllegalStateException: quoted\\n\\tat App.main(App.java:3)\\n' >&2")));

    assertThat(watched.exitCode()).isZero();
    assertThat(receiver.requestCount()).isZero();
  }

  /** A fatal-error banner as HotSpot prints it, naming the private file as its report. */
  private Path banner(String signal) throws Exception {
    return Files.writeString(dir.resolve("banner-" + signal + ".txt"), "#\n"
        + "# A fatal error has been detected by the Java Runtime Environment:\n"
        + "#\n"
        + "#  " + signal + " (0xb) at pc=0x00007f2de84d3b8c, pid=1, tid=2\n"
        + "#\n"
        + "# Problematic frame:\n"
        + "# C  [libc.so.6+0x1234]  memcpy+0x1\n"
        + "#\n"
        + "# An error report file with more information is saved as:\n"
        + "# " + secret + "\n"
        + "#\n");
  }

  private String wire() {
    return new String(receiver.allRawBytes(), StandardCharsets.UTF_8);
  }

  private JsonNode onlyEvent() {
    receiver.awaitEvents(1, ARRIVAL);
    List<JsonNode> events = receiver.awaitEvents(1, ARRIVAL);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static Path config() throws URISyntaxException {
    return Path.of(PanicWatchIT.class.getResource("PanicWatchIT-logback.xml").toURI());
  }
}
