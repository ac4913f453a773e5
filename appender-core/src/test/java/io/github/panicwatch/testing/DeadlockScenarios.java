package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlocks are panics too (issue 18), written once for every adapter: a child JVM configured
 * through the adapter's own configuration file deadlocks for real ({@link DeadlockingService}),
 * and the real SDK posts the report to a {@link SentryReceiver} on 127.0.0.1. Each adapter's test
 * extends this with its child main and its configuration file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class DeadlockScenarios {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long CHECK_INTERVAL_MILLIS = 1_000;
  /** "Within a few check intervals": from the moment both threads wait to the check that reports them. */
  private static final long FOUND_WITHIN_MILLIS = 5 * CHECK_INTERVAL_MILLIS;
  private static final Pattern LOCK = Pattern.compile("waits for ([\\w.$]+@\\p{XDigit}+) held by");

  protected final SentryReceiver receiver = SentryReceiver.start();
  @TempDir protected Path dir;

  /**
   * The adapter's child: {@code main(configurationFile, kind, afterMillis)} configures its framework
   * from the file, exits with 2 and its status lines when the appender {@code PANIC} did not start,
   * and otherwise runs {@link DeadlockingService#run} logging through the framework.
   */
  protected abstract Class<?> child();

  /** Writes, into {@code dir}, a configuration file with an appender {@code PANIC} of these options. */
  protected abstract Path configuration(Path dir, Map<String, String> options) throws IOException;

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void twoThreadsTakingTwoMonitorsInOppositeOrderAreOneFatalPanicNamingBothThreadsAndBothLocks() throws Exception {
    List<JsonNode> events = runChild("monitors", Map.of());

    JsonNode deadlock = deadlockAmong(events);
    String message = deadlock.path("message").path("formatted").asText();
    assertThat(message).startsWith("Deadlock: \"").contains("\"" + DeadlockingService.LEDGER_WRITER + "\"", "account-writer token=");
    assertThat(locksNamed(message))
        .extracting(lock -> lock.substring(0, lock.indexOf('@')))
        .containsExactlyInAnyOrder(DeadlockingService.Ledger.class.getName(), DeadlockingService.Account.class.getName());
    List<JsonNode> threads = threadsOf(deadlock);
    assertThat(threads).as("without attachThreads, the deadlock's threads only").hasSize(2);
    for (JsonNode thread : threads) {
      assertThat(thread.path("crashed").asBoolean()).isTrue();
      assertThat(thread.path("state").asText()).isEqualTo("BLOCKED");
      assertThat(lockTypes(thread)).as("waits for one monitor, holds the other").containsExactlyInAnyOrder(1, 8);
    }
  }

  @Test
  void twoThreadsDeadlockedOnTwoReentrantLocksAreOnePanicAndWithAttachThreadsTheWaitingThreadsComeToo() throws Exception {
    List<JsonNode> events = runChild("locks", Map.of("attachThreads", "true"));

    JsonNode deadlock = deadlockAmong(events);
    String message = deadlock.path("message").path("formatted").asText();
    assertThat(message).contains("\"" + DeadlockingService.LEDGER_WRITER + "\"", "account-writer token=");
    List<String> locks = locksNamed(message);
    assertThat(locks).hasSize(2).allMatch(lock -> lock.startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@"));
    assertThat(locks.get(0)).as("two locks, not one named twice").isNotEqualTo(locks.get(1));
    List<JsonNode> threads = threadsOf(deadlock);
    assertThat(threads.subList(0, 2)).allSatisfy(thread -> {
      assertThat(thread.path("crashed").asBoolean()).isTrue();
      assertThat(thread.path("state").asText()).isEqualTo("WAITING");
      assertThat(lockTypes(thread)).as("waits for one lock, holds the other").containsExactlyInAnyOrder(1, 2);
    });
    assertThat(threads.subList(2, threads.size()))
        .extracting(thread -> thread.path("name").asText())
        .contains("queue-consumer", "sleeper", "main");
    assertThat(threads.subList(2, threads.size())).noneMatch(thread -> thread.path("crashed").asBoolean());
  }

  /** Issue 18: threads parked on a queue or sleeping are no deadlock, however many checks see them. */
  @Test
  void aServiceWhoseThreadsOnlyWaitReportsNothing() throws Exception {
    List<JsonNode> events = runChild("waits", Map.of(), false);

    assertThat(events)
        .extracting(event -> event.path("message").path("formatted").asText())
        .as("three checks and more while the threads waited; then the panic before the exit, alone")
        .containsExactly(DeadlockingService.STOPPING);
  }

  /**
   * Runs the service, waits for the deadlock's report, tells it to end (a few checks later it logs
   * one more panic and exits), and returns every event received: the deadlock reported once, then
   * that panic. What both kinds share is checked here.
   */
  private List<JsonNode> runChild(String kind, Map<String, String> extra) throws Exception {
    List<JsonNode> events = runChild(kind, extra, true);
    assertThat(events).extracting(event -> event.path("message").path("formatted").asText())
        .as("the deadlock once, whatever the checks after it, then the panic before the exit")
        .hasSize(2)
        .containsOnlyOnce(DeadlockingService.STOPPING);
    JsonNode report = events.get(0);
    assertThat(report.path("tags").path("crash").asText()).isEqualTo("deadlock");
    assertThat(report.path("level").asText()).isEqualTo("fatal");
    String fingerprint = report.path("tags").path("fingerprint").asText();
    assertThat(fingerprint).matches("\\p{XDigit}{16}");
    assertThat(report.path("fingerprint")).extracting(JsonNode::asText).containsExactly("deadlock", fingerprint);
    assertThat(report.path("breadcrumbs")).extracting(crumb -> crumb.path("message").asText()).contains("service started");
    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
    return events;
  }

  /**
   * Runs the service; when {@code deadlocks}, waits for the first event and checks that it came
   * within a few check intervals of the threads' deadlock. Then tells the service to end (a few
   * checks later it logs one more panic and exits) and returns every event received, in order.
   */
  private List<JsonNode> runChild(String kind, Map<String, String> extra, boolean deadlocks) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("dsn", receiver.dsn());
    options.put("cacheDirPath", dir.resolve("spool").toString());
    options.put("captureUncaught", "false");
    options.put("deadlockCheckInterval", CHECK_INTERVAL_MILLIS + " milliseconds");
    options.putAll(extra);
    Path configuration = configuration(dir, options);
    try (ChildProcess child =
        ChildJvm.start(child(), List.of(), List.of(configuration.toString(), kind, Long.toString(3 * CHECK_INTERVAL_MILLIS)))) {
      child.awaitStdout(DeadlockingService.READY, WAIT);
      if (deadlocks) {
        Matcher at = Pattern.compile(DeadlockingService.READY + "(\\d+)").matcher(child.stdoutSoFar());
        assertThat(at.find()).isTrue();
        Instant deadlocked = Instant.ofEpochMilli(Long.parseLong(at.group(1)));
        JsonNode report = receiver.awaitEvents(1, WAIT).get(0);
        Instant found = Instant.parse(report.path("timestamp").asText());
        assertThat(Duration.between(deadlocked, found).toMillis()).isLessThanOrEqualTo(FOUND_WITHIN_MILLIS);
      }
      child.stdin().write("stop\n".getBytes(StandardCharsets.UTF_8));
      child.stdin().flush();
      ChildProcess.Exit exit = child.awaitExit(WAIT);
      assertThat(exit.code()).as("exit code; output:%n%s", exit.stdoutText()).isZero();
      // the child flushed its panics before it exited: what is not here by then never comes
      return receiver.awaitEvents(deadlocks ? 2 : 1, WAIT);
    }
  }

  private static JsonNode deadlockAmong(List<JsonNode> events) {
    return events.stream()
        .filter(event -> event.path("tags").path("crash").asText().equals("deadlock"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no deadlock among " + events));
  }

  private static List<JsonNode> threadsOf(JsonNode event) {
    List<JsonNode> threads = new ArrayList<>();
    event.path("threads").path("values").forEach(threads::add);
    assertThat(threads.subList(0, 2))
        .extracting(thread -> thread.path("name").asText())
        .as("the deadlock's threads first")
        .containsExactlyInAnyOrder(DeadlockingService.LEDGER_WRITER, "account-writer token=[Filtered]");
    for (JsonNode thread : threads.subList(0, 2)) {
      List<String> frames = new ArrayList<>();
      thread.path("stacktrace").path("frames").forEach(frame -> frames.add(frame.path("module").asText()));
      assertThat(frames).contains(DeadlockingService.class.getName());
    }
    return threads;
  }

  /** The locks ({@code class@hex}) the message says the threads wait for, in its order. */
  private static List<String> locksNamed(String message) {
    List<String> locks = new ArrayList<>();
    Matcher lock = LOCK.matcher(message);
    while (lock.find()) {
      locks.add(lock.group(1));
    }
    return locks;
  }

  /** The types of the thread's held_locks: 1 locked, 2 waiting, 8 blocked (Sentry's SentryLockReason). */
  private static List<Integer> lockTypes(JsonNode thread) {
    List<Integer> types = new ArrayList<>();
    thread.path("held_locks").forEach(lock -> types.add(lock.path("type").asInt()));
    return types;
  }
}
