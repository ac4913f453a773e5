package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ExecutableJar;
import io.github.panicwatch.testing.SentryReceiver;
import io.github.panicwatch.watch.WatcherFixture.Result;
import io.github.panicwatch.watch.WatcherFixture.Started;
import io.github.panicwatch.watch.children.ThrowInMain;
import io.github.panicwatch.watch.children.WaitToBeStopped;
import java.nio.file.Path;
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
 * The flags of the shaded jar whose effect only shows from outside: {@code --panicHeader} on a
 * child's output, {@code --stopTimeoutMillis} on a child that ignores SIGTERM, the release and
 * checksum of a child run from its jar, and the exit codes of {@code main} itself. The rest of the
 * command line is {@link WatchCommandTest}'s, in the test JVM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicWatchCommandLineIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(10);

  @TempDir Path dir;
  private SentryReceiver receiver;
  private WatcherFixture fixture;

  @BeforeEach
  void startReceiver() {
    receiver = SentryReceiver.start();
    fixture = new WatcherFixture(dir);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }

  private List<String> flags(String... more) {
    List<String> flags = new ArrayList<>(List.of("--dsn", receiver.dsn(), "--cacheDirPath", dir.resolve("cache").toString()));
    flags.addAll(List.of(more));
    return flags;
  }

  @Test
  void eachRepeatedPanicHeaderFlagMakesAPanicOfTheLinesItStarts() throws Exception {
    List<String> child = sh("echo booting >&2; printf 'ABORT at stage 3\\n  disk on fire\\n' >&2; exit 2");

    Result watched =
        fixture.run(WatcherFixture.watched(flags("--panicHeader", "^oops: ", "--panicHeader=^ABORT "), child));

    assertThat(watched.exitCode()).isEqualTo(2);
    List<JsonNode> events = receiver.awaitEvents(1, ARRIVAL);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.at("/message/formatted").asText()).isEqualTo("ABORT at stage 3");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("ABORT");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("at stage 3");
    assertThat(event.at("/extra/panic_output").asText()).contains("  disk on fire");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("panic_output");
    assertThat(event.at("/breadcrumbs/0/message").asText()).isEqualTo("booting");
  }

  @Test
  void panicHeaderFlagsReplaceTheGoDefaults() throws Exception {
    List<String> child = sh("printf 'panic: runtime error: index out of range\\n' >&2; exit 2");

    Result watched = fixture.run(WatcherFixture.watched(flags("--panicHeader", "^oops: "), child));

    assertThat(watched.exitCode()).isEqualTo(2);
    assertThat(watched.stderrText()).isEqualTo("panic: runtime error: index out of range\n");
    // the watcher has flushed and exited: a report would have arrived
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void aChildThatIgnoresSigtermGetsSigkillAfterStopTimeoutMillis() throws Exception {
    // a JVM started with SIGTERM ignored leaves it ignored (as under nohup): only SIGKILL ends it.
    // A JVM rather than sh alone: it says "ready" only after the watcher has long installed its
    // signal forwarding, which a SIGTERM in the watcher's first milliseconds would miss
    List<String> java = WatcherFixture.javaChild(WaitToBeStopped.class);
    List<String> child = new ArrayList<>(List.of("sh", "-c", "trap '' TERM; exec \"$0\" \"$@\""));
    child.addAll(java);
    Started watcher = fixture.start(WatcherFixture.watched(flags("--stopTimeoutMillis", "300"), child));
    watcher.child().awaitStdout("ready", Duration.ofSeconds(60));
    ProcessHandle stubborn = watcher.process().toHandle().children().findFirst().orElseThrow();

    long signalled = System.nanoTime();
    watcher.process().destroy(); // SIGTERM to the watcher, as systemd or docker stop sends it
    Result watched = watcher.await();
    long stoppedMillis = (System.nanoTime() - signalled) / 1_000_000;

    assertThat(watched.exitCode()).as("128 + SIGKILL; stderr: %s", watched.stderrText()).isEqualTo(137);
    assertThat(watched.stdoutText()).as("its shutdown hook never ran").isEqualTo("ready\n");
    assertThat(stubborn.isAlive()).isFalse();
    // the only sign that the flag, not the default, decided: SIGKILL came before the default's 10 s
    assertThat(stoppedMillis).isLessThan(WatchArguments.DEFAULT_STOP_TIMEOUT_MILLIS);
    assertThat(receiver.requestCount()).as("a stop is no crash").isZero();
  }

  @Test
  void theReleaseAndChecksumOfAChildRunFromItsJarComeFromThatJar() throws Exception {
    Path jar = ExecutableJar.write(dir.resolve("service.jar"), ThrowInMain.class, "7.7.7", List.of());
    List<String> child = List.of(WatcherFixture.java(), "-jar", jar.toString());

    Result watched = fixture.run(WatcherFixture.watched(flags(), child));

    assertThat(watched.exitCode()).as("stderr %s", watched.stderrText()).isEqualTo(1);
    JsonNode event = receiver.awaitEvents(1, ARRIVAL).get(0);
    assertThat(event.at("/tags/crash").asText()).isEqualTo("uncaught_exception");
    assertThat(event.path("release").asText()).isEqualTo("7.7.7");
    assertThat(event.path("environment").asText()).isEqualTo("prod-oss");
    assertThat(event.at("/tags/checksum").asText()).isEqualTo(ExecutableJar.sha256(jar));
  }

  @Test
  void anUnusableCommandLineExits125AndRunsNothing() throws Exception {
    Path ran = dir.resolve("ran");

    Result watched = fixture.run(WatcherFixture.watched(List.of("--nosuchflag", "x"), sh("touch '" + ran + "'")));

    assertThat(watched.exitCode()).isEqualTo(125);
    assertThat(watched.stderrText()).startsWith("panic-watch: ").contains("--nosuchflag", "usage: ");
    assertThat(ran).doesNotExist();
  }

  @Test
  void aCommandThatCannotStartExits127() throws Exception {
    Path missing = dir.resolve("no-such-command");

    Result watched = fixture.run(WatcherFixture.watched(flags(), List.of(missing.toString())));

    assertThat(watched.exitCode()).isEqualTo(127);
    assertThat(watched.stderrText()).startsWith("panic-watch: error: cannot run " + missing);
    assertThat(receiver.requestCount()).isZero();
  }
}
