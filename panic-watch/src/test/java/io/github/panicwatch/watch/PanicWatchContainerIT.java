package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.SentryReceiver;
import io.github.panicwatch.watch.WatcherFixture.Result;
import io.github.panicwatch.watch.children.WaitToBeStopped;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
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
 * Issue 16: the watcher as a container's entrypoint. Real child JVMs die of a real SIGKILL; the
 * cgroup is a folder laid out like one of cgroup v2 or v1 ({@code --cgroup}), whose OOM killer count
 * the test raises as the kernel does right before its SIGKILL: never a real cgroup of the machine.
 * PID 1 is had for real, in a new PID namespace ({@code unshare --pid --fork}, which needs root, as
 * CI has; it changes no setting of the machine and mounts nothing): the watcher's own pid there is 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicWatchContainerIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(10);
  private static final long MIB = 1024 * 1024;

  @TempDir Path dir;
  private WatcherFixture fixture;
  private SentryReceiver receiver;

  @BeforeEach
  void fixture() {
    receiver = SentryReceiver.start();
    fixture = new WatcherFixture(dir);
    fixture.environment.put("SENTRY_DSN", receiver.dsn());
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void namesTheOomKillerWhenTheCgroupV2CountRoseAcrossTheChildsSigkill() throws Exception {
    Path cgroup = Files.createDirectory(dir.resolve("cgroup-v2"));
    Files.writeString(cgroup.resolve("memory.events"), events(0));
    Files.writeString(cgroup.resolve("memory.max"), 512 * MIB + "\n");
    Files.writeString(cgroup.resolve("memory.peak"), (512 * MIB - 100 * 1024) + "\n");

    JsonNode event = killWhenReady(cgroup, () -> Files.writeString(cgroup.resolve("memory.events"), events(1)));

    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Killed by the kernel's OOM killer (SIGKILL, exit code 137): memory limit 512 MiB, peak 511.9 MiB");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("oom_killed");
    assertThat(event.at("/tags/signal").asText()).isEqualTo("SIGKILL");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("137");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("OOMKilled");
    assertThat(event.at("/exception/values/0/value").asText())
        .isEqualTo("the kernel's OOM killer killed the child at its cgroup's memory limit of 512 MiB");
    assertThat(event.at("/extra/memory_limit_bytes").asLong()).isEqualTo(512 * MIB);
    assertThat(event.at("/extra/memory_peak_bytes").asLong()).isEqualTo(512 * MIB - 100 * 1024);
    assertThat(event.at("/extra/oom_kill_count_before").asLong()).isZero();
    assertThat(event.at("/extra/oom_kill_count_after").asLong()).isEqualTo(1);
    assertThat(event.at("/extra/cgroup").asText()).isEqualTo(cgroup.toString());
    assertThat(event.at("/breadcrumbs/0/message").asText()).isEqualTo("worker 3 holds the lock");
  }

  @Test
  void reportsAPlainSigkillWhenTheCgroupV2CountDidNotRise() throws Exception {
    Path cgroup = Files.createDirectory(dir.resolve("cgroup-v2"));
    Files.writeString(cgroup.resolve("memory.events"), events(4)); // an earlier OOM kill, not this child's
    Files.writeString(cgroup.resolve("memory.max"), "max\n");

    JsonNode event = killWhenReady(cgroup, () -> { });

    assertThat(event.at("/message/formatted").asText()).isEqualTo("Killed by SIGKILL (exit code 137)");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("signal");
    assertThat(event.at("/extra/oom_kill_count_before").asLong()).isEqualTo(4);
    assertThat(event.at("/extra/oom_kill_count_after").asLong()).isEqualTo(4);
    assertThat(event.at("/extra/memory_limit_bytes").isMissingNode()).isTrue(); // "max": no limit
    assertThat(event.path("exception").isMissingNode()).isTrue();
  }

  @Test
  void namesTheOomKillerWhenTheCgroupV1CountRoseAcrossTheChildsSigkill() throws Exception {
    Path cgroup = Files.createDirectory(dir.resolve("cgroup-v1"));
    Files.writeString(cgroup.resolve("memory.oom_control"), oomControl(2));
    Files.writeString(cgroup.resolve("memory.limit_in_bytes"), 3 * 512 * MIB + "\n");
    Files.writeString(cgroup.resolve("memory.max_usage_in_bytes"), 3 * 512 * MIB + "\n");

    JsonNode event = killWhenReady(cgroup, () -> Files.writeString(cgroup.resolve("memory.oom_control"), oomControl(3)));

    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Killed by the kernel's OOM killer (SIGKILL, exit code 137): memory limit 1.5 GiB, peak 1.5 GiB");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("oom_killed");
    assertThat(event.at("/extra/memory_limit_bytes").asLong()).isEqualTo(3 * 512 * MIB);
    assertThat(event.at("/extra/oom_kill_count_before").asLong()).isEqualTo(2);
    assertThat(event.at("/extra/oom_kill_count_after").asLong()).isEqualTo(3);
  }

  @Test
  void reportsAPlainSigkillWhenTheCgroupV1CountDidNotRise() throws Exception {
    Path cgroup = Files.createDirectory(dir.resolve("cgroup-v1"));
    Files.writeString(cgroup.resolve("memory.oom_control"), oomControl(0));
    Files.writeString(cgroup.resolve("memory.limit_in_bytes"), "9223372036854771712\n"); // v1's "unlimited"

    JsonNode event = killWhenReady(cgroup, () -> { });

    assertThat(event.at("/tags/crash").asText()).isEqualTo("signal");
    assertThat(event.at("/extra/oom_kill_count_after").asLong()).isZero();
    assertThat(event.at("/extra/memory_limit_bytes").isMissingNode()).isTrue();
  }

  @Test
  void reportsAPlainSigkillAndSaysWhyWhenTheCountCannotBeRead() throws Exception {
    Path cgroup = Files.createDirectory(dir.resolve("not-a-cgroup"));

    JsonNode event = killWhenReady(cgroup, () -> { });

    assertThat(event.at("/tags/crash").asText()).isEqualTo("signal");
    assertThat(event.at("/extra/oom_kill_not_read").asText())
        .isEqualTo(cgroup + " has neither memory.events (cgroup v2) nor memory.oom_control (cgroup v1)");
  }

  @Test
  void saysOnceAsPid1ThatOrphansAreNotReapedAndHowToRunIt() throws Exception {
    assumeTrue(newPidNamespaceWorks(), "unshare --pid --fork needs root (CI runs as root)");
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork"));
    command.addAll(WatcherFixture.watched(List.of(), List.of("sh", "-c", "echo \"child is pid $$\"")));

    Result watched = fixture.run(command);

    assertThat(watched.exitCode()).isZero();
    assertThat(watched.stdoutText()).matches("child is pid [0-9]+\n").isNotEqualTo("child is pid 1\n");
    assertThat(watched.stderrText()).isEqualTo("panic-watch: warning: " + Watcher.PID_1_WARNING + "\n");
    assertThat(Watcher.PID_1_WARNING).contains("docker run --init", "tini");
  }

  @Test
  void saysNothingOfPid1AsAnyOtherPid() throws Exception {
    Result watched = fixture.run(WatcherFixture.watched(List.of(), List.of("sh", "-c", "true")));

    assertThat(watched.exitCode()).isZero();
    assertThat(watched.stderrText()).isEmpty();
  }

  /** A step of the test, run between the child's start and its SIGKILL. */
  private interface Step {
    void run() throws Exception;
  }

  /**
   * Runs {@link WaitToBeStopped} under the watcher with {@code --cgroup cgroup}; once the watcher
   * has read the count at the child's start and the child is ready, runs {@code beforeTheKill} and
   * SIGKILLs the child; returns the one event.
   */
  private JsonNode killWhenReady(Path cgroup, Step beforeTheKill) throws Exception {
    List<String> flags = List.of("--config", config().toString(), "--cgroup", cgroup.toString(), "--verbose");
    WatcherFixture.Started started = fixture.start(WatcherFixture.watched(flags, WatcherFixture.javaChild(WaitToBeStopped.class)));
    await().atMost(Duration.ofSeconds(60)).until(() -> started.stdoutSoFar().contains("ready")
        && (started.stderrSoFar().contains(" at the child's start") || started.stderrSoFar().contains("cannot be told")));
    beforeTheKill.run();
    started.process().toHandle().children().findFirst().orElseThrow().destroyForcibly();
    Result watched = started.await();
    assertThat(watched.exitCode()).isEqualTo(137);
    receiver.awaitEvents(1, ARRIVAL);
    List<JsonNode> events = receiver.awaitEvents(1, ARRIVAL);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String events(int oomKills) {
    return "low 0\nhigh 0\nmax 3\noom 2\noom_kill " + oomKills + "\noom_group_kill 0\n";
  }

  private static String oomControl(int oomKills) {
    return "oom_kill_disable 0\nunder_oom 0\noom_kill " + oomKills + "\n";
  }

  private static Path config() throws URISyntaxException {
    return Path.of(PanicWatchIT.class.getResource("PanicWatchIT-logback.xml").toURI());
  }

  private static boolean newPidNamespaceWorks() throws IOException, InterruptedException {
    Process unshare = new ProcessBuilder("unshare", "--pid", "--fork", "true")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return unshare.waitFor(30, TimeUnit.SECONDS) && unshare.exitValue() == 0;
  }
}
