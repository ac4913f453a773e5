package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The watcher's command line as a user types it, run in this JVM through {@link WatchCommand#run}
 * with real {@code sh} children, so that {@code mvn test} alone catches a wrong exit code or a flag
 * that is ignored: flag in, exit code and outbox event out. The children print nothing, because the
 * watcher copies a child's output to this JVM's own descriptors, which surefire uses to talk to its
 * fork; output, signals to the watcher and the shaded jar are {@code PanicWatchIT}'s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A child that dies of SIGKILL, as under the kernel's OOM killer: a crash the watcher reports. */
  private static final List<String> KILLED_CHILD = List.of("sh", "-c", "kill -KILL $$");

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** {@code panic-watch args…}: its exit code; what it printed is in {@link #printed()}. */
  private int watch(List<String> flags, List<String> command) throws InterruptedException {
    List<String> args = new ArrayList<>(flags);
    args.add("--");
    args.addAll(command);
    return watch(args.toArray(String[]::new));
  }

  private int watch(String... args) throws InterruptedException {
    return WatchCommand.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** The watcher's own messages. */
  private String printed() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path outbox() {
    return dir.resolve("outbox.jsonl");
  }

  private static List<JsonNode> events(Path outbox) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(outbox, StandardCharsets.UTF_8)) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static JsonNode onlyEvent(Path outbox) throws IOException {
    List<JsonNode> events = events(outbox);
    assertThat(events).as("events in %s", outbox).hasSize(1);
    return events.get(0);
  }

  /** The test resource {@code WatchCommandTest-<variant>.xml} with {@code @DIR@} made this test's folder. */
  private Path config(String variant) throws IOException {
    String resource = "WatchCommandTest-" + variant + ".xml";
    try (InputStream in = WatchCommandTest.class.getResourceAsStream(resource)) {
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@DIR@", dir.toString());
      return Files.writeString(dir.resolve(resource), xml);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 42, 255})
  void exitsWithTheChildsExitCodeAndReportsNoPlainExit(int code) throws Exception {
    int exit = watch(List.of("--outbox", outbox().toString()), List.of("sh", "-c", "exit " + code));

    assertThat(exit).isEqualTo(code);
    assertThat(outbox()).as("the watcher has flushed and returned: a report would be here").doesNotExist();
    assertThat(printed()).as("a healthy watcher prints nothing").isEmpty();
  }

  @Test
  void exitsWith128PlusTheSignalOfAKilledChildAndReportsItsDeath() throws Exception {
    int exit = watch(List.of("--outbox", outbox().toString()), KILLED_CHILD);

    assertThat(exit).isEqualTo(137);
    JsonNode event = onlyEvent(outbox());
    assertThat(event.at("/message/formatted").asText()).isEqualTo("Killed by SIGKILL (exit code 137)");
    assertThat(event.at("/tags/signal").asText()).isEqualTo("SIGKILL");
    assertThat(event.at("/tags/exit_code").asText()).isEqualTo("137");
    assertThat(event.at("/tags/crash").asText()).isEqualTo("signal");
  }

  @Test
  void appenderOptionsGivenAsFlagsInEitherFormAndRepeatedTagsConfigureTheReport() throws Exception {
    int exit =
        watch(
            List.of("--outbox=" + outbox(), "--release", "9.9.9", "--environment=staging",
                "--tag", "team=core", "--tag=region=eu"),
            KILLED_CHILD);

    assertThat(exit).isEqualTo(137);
    JsonNode event = onlyEvent(outbox());
    assertThat(event.path("release").asText()).isEqualTo("9.9.9");
    assertThat(event.path("environment").asText()).isEqualTo("staging");
    assertThat(event.at("/tags/team").asText()).isEqualTo("core");
    assertThat(event.at("/tags/region").asText()).isEqualTo("eu");
  }

  @Test
  void theFirstPanicwatchAppenderOfTheConfigFileConfiguresTheReport() throws Exception {
    int exit = watch(List.of("--config", config("two-appenders").toString()), KILLED_CHILD);

    assertThat(exit).isEqualTo(137);
    JsonNode event = onlyEvent(dir.resolve("first.jsonl"));
    assertThat(event.path("release").asText()).isEqualTo("1.0.0");
    assertThat(event.at("/tags/appender").asText()).isEqualTo("first");
    assertThat(dir.resolve("second.jsonl")).doesNotExist();
  }

  @Test
  void appenderFlagPicksTheNamedAppenderAndFlagsOverrideItsSettings() throws Exception {
    int exit =
        watch(
            List.of("--config", config("two-appenders").toString(), "--appender", "SECOND",
                "--release", "3.0.0", "--tag", "extra=yes"),
            KILLED_CHILD);

    assertThat(exit).isEqualTo(137);
    JsonNode event = onlyEvent(dir.resolve("second.jsonl"));
    assertThat(event.path("release").asText()).isEqualTo("3.0.0");
    assertThat(event.at("/tags/appender").asText()).isEqualTo("second");
    assertThat(event.at("/tags/extra").asText()).isEqualTo("yes");
    assertThat(dir.resolve("first.jsonl")).doesNotExist();
  }

  @Test
  void anAppenderNameTheFileDoesNotHaveRunsTheChildUnreported() throws Exception {
    int exit =
        watch(List.of("--config", config("two-appenders").toString(), "--appender", "THIRD"), KILLED_CHILD);

    assertThat(exit).isEqualTo(137);
    assertThat(printed()).contains("panic-watch: error: not reporting: no usable Panicwatch appender in ");
    assertThat(dir.resolve("first.jsonl")).doesNotExist();
    assertThat(dir.resolve("second.jsonl")).doesNotExist();
  }

  @Test
  void anOptionValueThatDoesNotParseIsAnErrorAndTheCommandRunsUnwatched() throws Exception {
    int exit = watch(List.of("--outbox", outbox().toString(), "--maxBreadcrumbs", "ten"), KILLED_CHILD);

    assertThat(exit).isEqualTo(137); // the child ran all the same
    assertThat(printed())
        .isEqualTo(
            "panic-watch: error: Panicwatch [panic-watch]: Invalid maxBreadcrumbs [ten]: not an integer\n"
                + "panic-watch: error: Panicwatch [panic-watch]: not started: fix the configuration errors above\n"
                + "panic-watch: error: not reporting: the command runs unwatched\n");
    assertThat(outbox()).doesNotExist(); // no report on a guessed value (issue 19)
  }

  @Test
  void verboseAlsoSaysWhereEventsGo() throws Exception {
    assertThat(watch(List.of("--outbox", outbox().toString()), KILLED_CHILD)).isEqualTo(137);
    assertThat(printed()).isEmpty();

    assertThat(watch(List.of("--outbox", outbox().toString(), "--verbose"), KILLED_CHILD)).isEqualTo(137);
    assertThat(printed()).contains("panic-watch: Panicwatch [panic-watch]: reports panics to the outbox " + outbox())
        .containsPattern("panic-watch: the OOM killer's count in \\S+ is \\d+ at the child's start|"
            + "panic-watch: a death by SIGKILL cannot be told from one by the kernel's OOM killer: ");
  }

  @Test
  void verboseAlsoSaysWhyNothingIsReported() throws Exception {
    List<String> child = List.of("sh", "-c", "exit 0");
    assertThat(watch(List.of("--enableSentry", "false"), child)).isZero();
    assertThat(printed()).isEmpty();

    assertThat(watch(List.of("--enableSentry", "false", "--verbose"), child)).isZero();
    assertThat(printed())
        .contains("panic-watch: Panicwatch [panic-watch]: switched off (enableSentry=false from the appender's enableSentry setting)\n")
        .doesNotContain("warning", "error");
  }

  /** Command lines the watcher cannot use ({@code CMD} stands for a command), and a word the message names. */
  static Stream<Arguments> unusableCommandLines() {
    return Stream.of(
        Arguments.of(List.of("--nosuchflag", "x", "--", "CMD"), "--nosuchflag"),
        Arguments.of(List.of("--verbose", "CMD"), "sh"),
        Arguments.of(List.of("--config", "--", "CMD"), "--config"),
        Arguments.of(List.of("--panicHeader", "panic(", "--", "CMD"), "--panicHeader"),
        Arguments.of(List.of("--stopTimeoutMillis", "-5", "--", "CMD"), "--stopTimeoutMillis"),
        Arguments.of(List.of("--stopTimeoutMillis", "soon", "--", "CMD"), "--stopTimeoutMillis"),
        Arguments.of(List.of("--verbose", "--"), "command"));
  }

  @ParameterizedTest
  @MethodSource("unusableCommandLines")
  void anUnusableCommandLineExits125NamingTheProblemAndRunsNothing(List<String> line, String named) throws Exception {
    Path ran = dir.resolve("ran");
    List<String> args = new ArrayList<>();
    for (String arg : line) {
      args.addAll(arg.equals("CMD") ? List.of("sh", "-c", "touch '" + ran + "'") : List.of(arg));
    }

    int exit = watch(args.toArray(String[]::new));

    assertThat(exit).isEqualTo(125);
    List<String> lines = printed().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("panic-watch: ").contains(named);
    assertThat(lines.get(1)).startsWith("usage: java -jar panic-watch.jar ");
    assertThat(ran).doesNotExist();
  }

  @Test
  void aCommandThatCannotStartExits127AndSaysSo() throws Exception {
    Path missing = dir.resolve("no-such-command");

    int exit = watch(List.of("--outbox", outbox().toString()), List.of(missing.toString(), "serve"));

    assertThat(exit).isEqualTo(127);
    assertThat(printed()).startsWith("panic-watch: error: cannot run " + missing);
    assertThat(outbox()).doesNotExist();
  }
}
