package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildProcess;
import io.github.panicwatch.testing.SentryReceiver;
import io.github.panicwatch.watch.WatcherFixture.Result;
import io.github.panicwatch.watch.WatcherFixture.Started;
import io.github.panicwatch.testing.CrashNatively;
import io.github.panicwatch.watch.children.ExhaustHeap;
import io.github.panicwatch.watch.children.InterleaveThenThrow;
import io.github.panicwatch.watch.children.PromptAndEcho;
import io.github.panicwatch.watch.children.ReportThroughAppender;
import io.github.panicwatch.watch.children.ServeAndStop;
import io.github.panicwatch.watch.children.ThrowInMain;
import io.github.panicwatch.watch.children.ThrowInWorker;
import io.github.panicwatch.watch.children.ThrowWithTicket;
import io.github.panicwatch.watch.children.WaitToBeStopped;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher end to end: the shaded jar runs real child JVMs (and a shell script) that really
 * die; each event is decoded at a receiver on 127.0.0.1, and the child's output is compared byte
 * for byte with a run of the same child without the watcher.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicWatchIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(10);

  @TempDir Path dir;
  private SentryReceiver receiver;
  private WatcherFixture fixture;
  private List<String> watcherArgs;

  @BeforeEach
  void startReceiver() throws URISyntaxException {
    receiver = SentryReceiver.start();
    fixture = new WatcherFixture(dir);
    fixture.environment.put("SENTRY_DSN", receiver.dsn());
    watcherArgs = List.of("--config", config("logback").toString());
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void reportsAnUncaughtExceptionInMainAsAParsedChainAndPassesTheOutputThroughUnchanged() throws Exception {
    List<String> child = WatcherFixture.javaChild(ThrowInMain.class);

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(1);
    assertSameOutput(watched, direct);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: cannot load index.db");
    JsonNode chain = event.at("/exception/values");
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).path("type").asText()).isEqualTo("IllegalArgumentException");
    assertThat(chain.get(0).path("value").asText()).isEqualTo("no such file: index.db");
    assertThat(chain.get(0).at("/mechanism/type").asText()).isEqualTo("chained");
    JsonNode outermost = chain.get(1);
    assertThat(outermost.path("module").asText()).isEqualTo("java.lang");
    assertThat(outermost.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(outermost.at("/mechanism/type").asText()).isEqualTo("panicwatch");
    assertThat(outermost.at("/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(functions(outermost)).containsExactly("main", "load"); // oldest first, as the SDK sends
    assertThat(functions(chain.get(0))).containsExactly("main", "load", "open"); // "... 2 more" restored
    // issue 15: the frames the watcher parsed are marked as the SDK marks its own, and the
    // configured server name and dist are on the watcher's event as on the appender's
    assertThat(inAppMarks(outermost)).containsExactly("true", "true");
    assertThat(event.path("server_name").asText()).isEqualTo("watched-host");
    assertThat(event.path("dist").asText()).isEqualTo("b7");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("1");
    assertThat(event.at("/tags/pid").asText()).matches("\\d+");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("uncaught_exception");
    assertThat(event.at("/tags/service").asText()).isEqualTo("alpha");
    assertThat(event.path("release").asText()).isEqualTo("2.4.1");
    assertThat(event.path("environment").asText()).isEqualTo("prod-ee");
    assertThat(event.at("/extra/thread_name").asText()).isEqualTo("main");
    assertThat(breadcrumbMessages(event))
        .containsExactly("connecting as admin password=[Filtered] to [Filtered]", "bad \uFFFD", "loading the index");
    assertThat(event.at("/breadcrumbs/0/category").asText()).isEqualTo("stderr");
    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8)).doesNotContain("hunter2", "10.1.2.3");
  }

  @Test
  void reportsAnUncaughtExceptionInAWorkerThreadWhileMainGoesOnToExitZero() throws Exception {
    List<String> child = WatcherFixture.javaChild(ThrowInWorker.class);

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isZero();
    assertSameOutput(watched, direct);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"worker-1\": java.lang.UnsupportedOperationException: worker gave up");
    assertThat(event.at("/extra/thread_name").asText()).isEqualTo("worker-1");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("0");
    assertThat(breadcrumbMessages(event)).containsExactly("starting worker");
  }

  @Test
  void reportsAnUncaughtExceptionWithTheSettingsOfTheServicesLog4j2Xml() throws Exception {
    List<String> child = WatcherFixture.javaChild(ThrowWithTicket.class);

    Result watched = fixture.run(WatcherFixture.watched(List.of("--config", config("log4j2").toString()), child));

    assertThat(watched.exitCode()).isEqualTo(1);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: gave up on ***");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("IllegalStateException");
    assertThat(event.at("/exception/values/0/stacktrace/frames"))
        .filteredOn(frame -> frame.path("module").asText().startsWith("io.github.panicwatch.watch.children."))
        .isNotEmpty()
        .allMatch(frame -> frame.path("in_app").asBoolean(false)); // inAppInclude from the attribute
    assertThat(event.at("/tags/crash").asText()).isEqualTo("uncaught_exception");
    assertThat(event.at("/tags/service").asText()).isEqualTo("beta"); // a <Property> through ${service}
    assertThat(event.path("release").asText()).isEqualTo("3.0.0"); // ${sys:…:-default}
    assertThat(event.path("environment").asText()).isEqualTo("prod-lts");
    assertThat(breadcrumbMessages(event)).containsExactly("working on ***");
    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8)).doesNotContain("TICKET-1234");
  }

  @Test
  void reportsHeapExhaustionUnderExitOnOutOfMemoryErrorFromTheLineOnStdout() throws Exception {
    List<String> child = WatcherFixture.javaChild(ExhaustHeap.class, "-Xmx16m", "-XX:+ExitOnOutOfMemoryError");

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(3);
    assertSameOutput(watched, direct);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Terminating due to java.lang.OutOfMemoryError: Java heap space");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("OutOfMemoryError");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("Java heap space");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("out_of_memory");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("3");
    assertThat(breadcrumbMessages(event)).containsExactly("caching everything");
  }

  @Test
  void reportsANativeCrashWithTheSignalTheProblematicFrameAndAScrubbedHsErrExcerpt() throws Exception {
    Path errors = Files.createDirectories(dir.resolve("errors"));
    List<String> java =
        WatcherFixture.javaChild(CrashNatively.class, "-XX:ErrorFile=" + errors.resolve("hs_err_%p.log"));
    // no core file whatever the machine's limit; -XX:-CreateCoredumpOnCrash would make the exit code 1
    List<String> child = List.of("sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\"", java.get(0));
    child = new ArrayList<>(child);
    child.addAll(java.subList(1, java.size()));

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(134);
    // pid, addresses and times differ from run to run; the rest must be the same bytes
    assertThat(normalised(watched.stdoutText())).isEqualTo(normalised(direct.stdoutText()));
    assertThat(watched.stderr()).isEqualTo(direct.stderr());
    JsonNode event = onlyEvent();
    String pid = event.at("/tags/pid").asText();
    assertThat(event.at("/message/formatted").asText()).startsWith("JVM fatal error: SIGSEGV (0xb) at pc=");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("SIGSEGV");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo(event.at("/extra/problematic_frame").asText());
    assertThat(event.at("/tags/signal").asText()).isEqualTo("SIGABRT");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("134");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("fatal_error");
    assertThat(event.at("/extra/hs_err_file").asText()).isEqualTo(errors.resolve("hs_err_" + pid + ".log").toString());
    assertThat(event.at("/extra/hs_err_excerpt").asText())
        .contains("SIGSEGV", "Problematic frame", "CrashNatively.main")
        .doesNotContain("P R O C E S S");
    assertThat(breadcrumbMessages(event)).containsExactly("about to read address 0");
  }

  /**
   * Issue 16: the watcher reports its child's native crash; the next run of the service, whose
   * appender looks for the reports earlier runs left, finds this one claimed by the watcher and
   * sends nothing: one crash, one event.
   */
  @Test
  void reportsANativeCrashOnceBetweenTheWatcherAndTheAppenderOfTheNextRun() throws Exception {
    fixture.workingFolder = Files.createDirectory(dir.resolve("service")); // where HotSpot writes the report
    List<String> crash = new ArrayList<>(List.of("sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\""));
    crash.addAll(WatcherFixture.javaChild(CrashNatively.class));
    List<String> nextRun = WatcherFixture.javaChild(ServeAndStop.class, "-Dlogback.configurationFile=" + config("logback"));

    Result crashed = fixture.run(WatcherFixture.watched(watcherArgs, crash));
    JsonNode event = onlyEvent();
    Result next = fixture.run(WatcherFixture.watched(watcherArgs, nextRun));
    Result third = fixture.run(nextRun);

    assertThat(crashed.exitCode()).isEqualTo(134);
    assertThat(next.exitCode()).isZero();
    assertThat(third.exitCode()).isZero();
    String pid = event.at("/tags/pid").asText();
    assertThat(event.at("/tags/crash").asText()).isEqualTo("fatal_error");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("134"); // the watcher's
    assertThat(event.at("/extra/hs_err_file").asText())
        .isEqualTo(fixture.workingFolder.resolve("hs_err_pid" + pid + ".log").toString());
    assertThat(receiver.requestCount()).as("the next runs flushed before they exited").isEqualTo(1);
  }

  @Test
  void reportsDeathBySigkillWithTheLastStderrLinesAsBreadcrumbs() throws Exception {
    List<String> child = WatcherFixture.javaChild(WaitToBeStopped.class);

    Result direct = killWhenReady(fixture.start(child), false);
    Result watched = killWhenReady(fixture.start(WatcherFixture.watched(watcherArgs, child)), true);

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(137);
    assertSameOutput(watched, direct);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText()).isEqualTo("Killed by SIGKILL (exit code 137)");
    assertThat(event.at("/tags/signal").asText()).isEqualTo("SIGKILL");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("signal");
    assertThat(event.path("exception").isMissingNode()).isTrue();
    assertThat(breadcrumbMessages(event)).containsExactly("worker 3 holds the lock");
  }

  @Test
  void reportsAGoStylePanicOfAShellScriptChild() throws Exception {
    List<String> child =
        List.of(
            "sh", "-c",
            "echo 'serving on :8080' >&2; printf 'panic: runtime error: index out of range [5] with length 3\\n\\n"
                + "goroutine 1 [running]:\\nmain.main()\\n\\t/app/main.go:8 +0x1d\\n' >&2; exit 2");

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(2);
    assertSameOutput(watched, direct);
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("panic: runtime error: index out of range [5] with length 3");
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("panic");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("runtime error: index out of range [5] with length 3");
    assertThat(event.at("/extra/panic_output").asText()).contains("goroutine 1 [running]:", "\t/app/main.go:8 +0x1d");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("panic_output");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("2");
    assertThat(breadcrumbMessages(event)).containsExactly("serving on :8080");
  }

  @Test
  void leavesAnUncaughtExceptionTheAppenderInTheChildReportedToIt() throws Exception {
    List<String> child =
        WatcherFixture.javaChild(ReportThroughAppender.class, "-Dlogback.configurationFile=" + config("logback"));

    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(1);
    assertThat(watched.stderrText()).contains("Exception in thread \"main\" java.lang.IllegalStateException: reported in process");
    JsonNode event = onlyEvent(); // the watcher has flushed and exited: a second report would be here
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: reported in process");
    assertThat(event.at("/tags/crash").isMissingNode()).as("reported by the appender, not the watcher").isTrue();
    assertThat(breadcrumbMessages(event)).containsExactly("serving");
  }

  @Test
  void runsTheChildAndReportsNothingWhenEnableSentryIsFalse() throws Exception {
    fixture.environment.put("TEST_ENABLE_SENTRY", "false");
    List<String> child = WatcherFixture.javaChild(ThrowInMain.class);

    Result direct = fixture.run(child);
    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(1);
    assertSameOutput(watched, direct);
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void passesSigtermOnToTheChildAndExitsWithTheChildsCodeWithoutReporting() throws Exception {
    Started watcher = fixture.start(WatcherFixture.watched(watcherArgs, WatcherFixture.javaChild(WaitToBeStopped.class)));
    awaitReady(watcher);

    watcher.process().destroy(); // SIGTERM to the watcher only
    Result watched = watcher.await();

    assertThat(watched.exitCode()).isEqualTo(143);
    assertThat(watched.stdoutText()).isEqualTo("ready\nchild stopping\n");
    assertThat(receiver.requestCount()).isZero();
  }

  /**
   * A SIGTERM that reaches the watcher right after it started the child (here the child sends it
   * itself, at once) still reaches the child: without the hook in place before the start, the
   * watcher exited at once and the child ran on, orphaned.
   */
  @Test
  void stopsTheChildWhenTheWatcherIsStoppedRightAfterStartingIt() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    List<String> child = List.of("sh", "-c", "echo $$ > \"$0\"; kill -TERM $PPID; exec sleep 60", pidFile.toString());

    Result watched = fixture.run(WatcherFixture.watched(watcherArgs, child));

    long pid = Long.parseLong(Files.readString(pidFile).trim());
    try {
      assertThat(watched.exitCode()).isEqualTo(143); // the child's own death by SIGTERM
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("child %d", pid).isEmpty());
      assertThat(receiver.requestCount()).isZero();
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void passesAPromptWithoutNewlineThroughAtOnceAndGivesTheChildItsStdin() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(WatcherFixture.watched(watcherArgs, WatcherFixture.javaChild(PromptAndEcho.class)));
    builder.environment().putAll(fixture.environment);
    try (ChildProcess watcher = ChildProcess.start(builder)) {
      watcher.awaitStdout("name> ", Duration.ofSeconds(60)); // fails if held back until a newline
      try (OutputStream stdin = watcher.stdin()) {
        stdin.write("Ada\n".getBytes(StandardCharsets.UTF_8));
      }
      ChildProcess.Exit exit = watcher.awaitExit(Duration.ofSeconds(WatcherFixture.TIMEOUT_SECONDS));

      assertThat(exit.stdoutText()).isEqualTo("name> hello Ada\n");
      assertThat(exit.code()).isZero();
    }
  }

  @Test
  void givesTheChildTheFileBothStreamsGoToAndReportsFromItWithoutWhatWasThereBefore() throws Exception {
    List<String> child = WatcherFixture.javaChild(InterleaveThenThrow.class);
    String earlier = "Exception in thread \"main\" java.lang.Error: an earlier run\n\tat Old.main(Old.java:1)\nearlier line\n";
    Path directLog = Files.writeString(dir.resolve("direct.log"), earlier);
    Path watchedLog = Files.writeString(dir.resolve("watched.log"), earlier);

    int direct = fixture.runAppendingTo(child, directLog);
    int watched = fixture.runAppendingTo(WatcherFixture.watched(watcherArgs, child), watchedLog);

    assertThat(watched).isEqualTo(direct).isEqualTo(1);
    assertThat(Files.readString(directLog)).startsWith(earlier + "stdout is a regular file: true\n"
        + "stderr is a regular file: true\nready\nconnecting as admin password=hunter2\nloading the index\n"
        + "Exception in thread \"main\" java.lang.IllegalStateException: cannot load index.db\n");
    assertThat(Files.readAllBytes(watchedLog)).isEqualTo(Files.readAllBytes(directLog)); // interleaving included
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: cannot load index.db");
    assertThat(event.at("/exception/values")).hasSize(2);
    assertThat(event.at("/exception/values/0/type").asText()).isEqualTo("IllegalArgumentException");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("uncaught_exception");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("1");
    assertThat(breadcrumbMessages(event)).containsExactly("stdout is a regular file: true",
        "stderr is a regular file: true", "ready", "connecting as admin password=[Filtered]", "loading the index");
  }

  @Test
  void tailsAStderrFileAndPumpsAStdoutPipeInOneRun() throws Exception {
    List<String> child = WatcherFixture.javaChild(InterleaveThenThrow.class);

    Result direct = fixture.runWithStderrToAFile(child);
    Result watched = fixture.runWithStderrToAFile(WatcherFixture.watched(watcherArgs, child));

    assertThat(watched.exitCode()).isEqualTo(direct.exitCode()).isEqualTo(1);
    assertSameOutput(watched, direct);
    assertThat(direct.stdoutText()).isEqualTo("stdout is a regular file: false\nready\n");
    assertThat(direct.stderrText()).startsWith("stderr is a regular file: true\n");
    JsonNode event = onlyEvent();
    assertThat(event.at("/message/formatted").asText())
        .isEqualTo("Uncaught exception in thread \"main\": java.lang.IllegalStateException: cannot load index.db");
    assertThat(breadcrumbMessages(event))
        .containsExactly("stderr is a regular file: true", "connecting as admin password=[Filtered]", "loading the index");
  }

  @Test
  void seesTheStdoutLineOfExitOnOutOfMemoryErrorInAFileBothStreamsGoTo() throws Exception {
    List<String> child = WatcherFixture.javaChild(ExhaustHeap.class, "-Xmx16m", "-XX:+ExitOnOutOfMemoryError");
    Path log = Files.writeString(dir.resolve("app.log"), "earlier line\n");

    int watched = fixture.runAppendingTo(WatcherFixture.watched(watcherArgs, child), log);

    assertThat(watched).isEqualTo(3);
    assertThat(Files.readString(log))
        .isEqualTo("earlier line\ncaching everything\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n");
    JsonNode event = onlyEvent();
    assertThat(event.at("/tags/crash").asText()).isEqualTo("out_of_memory");
    assertThat(breadcrumbMessages(event)).containsExactly("caching everything");
  }

  private static Path config(String framework) throws URISyntaxException {
    return Path.of(PanicWatchIT.class.getResource("PanicWatchIT-" + framework + ".xml").toURI());
  }

  private JsonNode onlyEvent() {
    receiver.awaitEvents(1, ARRIVAL);
    List<JsonNode> events = receiver.awaitEvents(1, ARRIVAL);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static void assertSameOutput(Result watched, Result direct) {
    assertThat(watched.stdout()).as("stdout").isEqualTo(direct.stdout());
    assertThat(watched.stderr()).as("stderr").isEqualTo(direct.stderr());
  }

  private static List<String> functions(JsonNode exception) {
    return StreamSupport.stream(exception.at("/stacktrace/frames").spliterator(), false)
        .filter(frame -> frame.path("module").asText().endsWith("ThrowInMain"))
        .map(frame -> frame.path("function").asText())
        .toList();
  }

  /** The {@code in_app} of each frame of the child's own class, {@code unset} where there is none. */
  private static List<String> inAppMarks(JsonNode exception) {
    return StreamSupport.stream(exception.at("/stacktrace/frames").spliterator(), false)
        .filter(frame -> frame.path("module").asText().endsWith("ThrowInMain"))
        .map(frame -> frame.has("in_app") ? frame.path("in_app").asText() : "unset")
        .toList();
  }

  private static List<String> breadcrumbMessages(JsonNode event) {
    List<String> messages = new ArrayList<>();
    event.path("breadcrumbs").forEach(crumb -> messages.add(crumb.path("message").asText()));
    return messages;
  }

  private static void awaitReady(Started started) {
    await().atMost(Duration.ofSeconds(60)).until(() -> started.stdoutSoFar().contains("ready"));
  }

  /** Waits for "ready", then SIGKILLs the child (the watcher's child when {@code watched}). */
  private static Result killWhenReady(Started started, boolean watched) throws Exception {
    awaitReady(started);
    ProcessHandle target =
        watched ? started.process().toHandle().children().findFirst().orElseThrow() : started.process().toHandle();
    target.destroyForcibly();
    return started.await();
  }

  /** The crash banner with what changes between runs (pids, addresses, times, paths) masked. */
  private static String normalised(String banner) {
    return banner
        .replaceAll("0x[0-9a-f]+", "0x?")
        .replaceAll("\\d+", "N")
        .replaceAll("(?m)^# Core dump.*$", "# Core dump ?");
  }
}
