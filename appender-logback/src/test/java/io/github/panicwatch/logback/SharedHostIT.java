package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildProcess;
import io.github.panicwatch.testing.SecondUser;
import io.github.panicwatch.testing.SentryReceiver;
import io.sentry.NoOpLogger;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.util.StringUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users on one host, with real child JVMs: root (the build) and {@value SecondUser#NAME}, one
 * temp folder between them (mode 1777, as {@code /tmp}). What one user's files, made first or made
 * hostile, can do to the other's panics (issue 11), and a spool folder that turns read-only under a
 * running service (issue 12). Root ignores permission bits, so the read-only folder is {@value
 * SecondUser#NAME}'s, made read-only by root with {@code chmod}; no mount is touched.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class SharedHostIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration CHILD_EXIT = Duration.ofSeconds(60);

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path work;
  private Path tmp;
  private String dsnFolder;
  private String secondUserClassPath;

  @BeforeEach
  void sharedTempFolder() throws Exception {
    assumeTrue(SecondUser.available(), SecondUser::whyNot);
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    tmp = Files.createDirectory(work.resolve("tmp"));
    chmod("1777", tmp); // sticky, as /tmp: Java cannot set that bit
    dsnFolder = StringUtils.calculateStringHash(receiver.dsn(), NoOpLogger.getInstance());
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  record Run(int exitCode, String output) {}

  /** PanickingChild as root, {@code java.io.tmpdir} the shared folder. */
  private Run asRoot(String... properties) throws Exception {
    return run(false, properties);
  }

  /** PanickingChild as the second user. */
  private Run asSecondUser(String... properties) throws Exception {
    return run(true, properties);
  }

  private Run run(boolean secondUser, String... properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dpw.dsn=" + receiver.dsn());
    command.add("-Dpw.flushTimeoutMillis=3000");
    for (String property : properties) {
      command.add("-D" + property);
    }
    command.add("-cp");
    if (secondUser && secondUserClassPath == null) {
      secondUserClassPath = SecondUser.readableClassPath(work.resolve("classpath"));
    }
    command.add(secondUser ? secondUserClassPath : System.getProperty("java.class.path"));
    command.add(PanickingChild.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(secondUser ? SecondUser.command(command) : command)
            .directory(work.toFile())
            .redirectErrorStream(true);
    try (ChildProcess child = ChildProcess.start(builder)) {
      ChildProcess.Exit exit = child.awaitExit(CHILD_EXIT);
      return new Run(exit.code(), exit.stdoutText());
    }
  }

  private static void chmod(String mode, Path path) throws Exception {
    assertThat(new ProcessBuilder("chmod", mode, path.toString()).inheritIO().start().waitFor()).isZero();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static String owner(Path path) throws IOException {
    return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
  }

  private static List<Path> envelopes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.toString().endsWith(".envelope")).sorted().toList();
    }
  }

  /** Every path under {@code folder} with its owner, mode and (for files) content: to show nothing changed. */
  private static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String what = owner(file) + " " + mode(file);
        if (Files.isSymbolicLink(file)) {
          what += " -> " + Files.readSymbolicLink(file);
        } else if (Files.isRegularFile(file)) {
          what += " " + Files.readString(file);
        }
        state.put(folder.relativize(file).toString(), what);
      }
    }
    return state;
  }

  /** A file only root may read or write: what a planted link points at. */
  private Path rootOnlyFile() throws IOException {
    Path secret = Files.writeString(work.resolve("root-only.txt"), "root secret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    return secret;
  }

  /** An envelope file the second user can copy into place, so that the copy is theirs. */
  private Path envelopeOthersCanCopy(String text) throws Exception {
    Path planted = Files.write(work.resolve("planted.envelope"), envelope(text));
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));
    return planted;
  }

  /** An envelope as Panicwatch spools it, carrying one event with this message. */
  private static byte[] envelope(String text) throws Exception {
    SentryOptions options = new SentryOptions();
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    options.getSerializer().serialize(SentryEnvelope.from(options.getSerializer(), event, null), out);
    return out.toByteArray();
  }

  private static List<String> exceptionValues(List<JsonNode> events) {
    List<String> values = new ArrayList<>();
    for (JsonNode event : events) {
      values.add(event.path("exception").path("values").path(0).path("value").asText(event.path("message").path("formatted").asText()));
    }
    return values;
  }

  @Test
  void twoUsersOnOneTempFolderKeepTheirPanicsWhereTheOtherCannotReadThemAndBothDeliverThemLater() throws Exception {
    receiver.down();
    assertThat(asRoot("pw.run=1", "pw.panics=1").exitCode()).isZero();
    Run second = asSecondUser("pw.run=2", "pw.panics=1");
    assertThat(second.exitCode()).as(second.output()).isZero();

    Path rootFolder = tmp.resolve("panicwatch-root");
    Path secondFolder = tmp.resolve("panicwatch-" + SecondUser.NAME);
    assertThat(owner(rootFolder)).isEqualTo("root");
    assertThat(owner(secondFolder)).isEqualTo(SecondUser.NAME);
    List<Path> rootEnvelopes = envelopes(rootFolder);
    assertThat(rootEnvelopes).hasSize(1);
    assertThat(envelopes(secondFolder)).hasSize(1);
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path path : (Iterable<Path>) all.filter(path -> !path.equals(tmp))::iterator) {
        assertThat(mode(path)).as("%s", path).isIn("rwx------", "rw-------");
      }
    }
    SecondUser.Result peek =
        SecondUser.shell("ls " + rootFolder + "; cat " + rootEnvelopes.get(0) + "; ls " + rootFolder.resolve(dsnFolder));
    assertThat(peek.output()).contains("Permission denied").doesNotContain("replica");

    receiver.healthy();
    assertThat(asRoot("pw.run=3").exitCode()).isZero();
    assertThat(asSecondUser("pw.run=4").exitCode()).isZero();
    assertThat(exceptionValues(receiver.awaitAcceptedEvents(2, WAIT)))
        .containsExactlyInAnyOrder("replica 1 lost its log", "replica 2 lost its log");
    assertThat(envelopes(tmp)).isEmpty();
  }

  @Test
  void foldersPlantedFirstByAnotherUserAreRefusedAndNothingPlantedIsSentOrWrittenThrough() throws Exception {
    Path secret = rootOnlyFile();
    Path planted = envelopeOthersCanCopy("planted by another user");
    Path theirs = tmp.resolve("panicwatch-root");
    Path theirDsnFolder = theirs.resolve(dsnFolder);
    SecondUser.Result setUp = SecondUser.shell(String.join(" && ",
        "mkdir -m 777 " + theirs,
        "mkdir -m 777 " + theirDsnFolder,
        "chmod 777 " + theirs + " " + theirDsnFolder,
        "cp " + planted + " " + theirDsnFolder.resolve("0000000000001-000000001.99999999-aaaa.envelope"),
        "ln -s " + secret + " " + theirDsnFolder.resolve("fingerprints.txt")));
    assertThat(setUp.exitCode()).as(setUp.output()).isZero();
    Map<String, String> before = snapshot(theirs);

    Run victim = asRoot("pw.run=7", "pw.panics=1", "pw.stopAtEnd=true");

    assertThat(victim.exitCode()).as(victim.output()).isZero();
    assertThat(exceptionValues(receiver.awaitAcceptedEvents(1, WAIT))).containsExactly("replica 7 lost its log");
    assertThat(receiver.acceptedEvents()).hasSize(1);
    assertThat(secret).hasContent("root secret\n");
    assertThat(snapshot(theirs)).isEqualTo(before);
    // on stderr too: the appender's own listener hears warnings from its engine's start-up
    assertThat(victim.output())
        .contains("panicwatch WARN: Panicwatch [PANIC]: not using the folder [" + theirs + "]: it belongs to another user (uid ");
  }

  @Test
  void inACacheFolderSharedOnPurposeALinkedDsnFolderAndALinkedOutboxAreRefusedAndThePanicStillArrives()
      throws Exception {
    Path shared = Files.createDirectory(work.resolve("shared-cache"));
    chmod("1777", shared);
    Path secret = rootOnlyFile();
    Path planted = envelopeOthersCanCopy("planted by another user");
    Path attackers = tmp.resolve("attackers");
    SecondUser.Result setUp = SecondUser.shell(String.join(" && ",
        "mkdir -m 777 " + attackers,
        "cp " + planted + " " + attackers.resolve("0000000000001-000000001.99999999-aaaa.envelope"),
        "ln -s " + attackers + " " + shared.resolve(dsnFolder),
        "ln -s " + secret + " " + shared.resolve("outbox.jsonl")));
    assertThat(setUp.exitCode()).as(setUp.output()).isZero();
    Map<String, String> before = snapshot(attackers);

    Run victim = asRoot("pw.run=8", "pw.panics=1", "pw.stopAtEnd=true",
        "pw.cacheDir=" + shared, "pw.outbox=" + shared.resolve("outbox.jsonl"));

    assertThat(victim.exitCode()).as(victim.output()).isZero();
    assertThat(exceptionValues(receiver.awaitAcceptedEvents(1, WAIT))).containsExactly("replica 8 lost its log");
    assertThat(receiver.acceptedEvents()).hasSize(1);
    assertThat(secret).hasContent("root secret\n");
    assertThat(snapshot(attackers)).isEqualTo(before);
    assertThat(victim.output())
        .contains("Panicwatch [PANIC]: not using the folder [" + shared.resolve(dsnFolder) + "]: it is a symbolic link")
        .contains("the outbox [" + shared.resolve("outbox.jsonl") + "] is refused: it is a symbolic link")
        .contains("Could not write an event to the outbox");
  }

  @Test
  void aSpoolFolderThatTurnedReadOnlySendsEachPanicOnceAndTheNextStartSkipsWhatWasSent() throws Exception {
    receiver.down();
    Run first = asSecondUser("pw.run=1", "pw.panics=1", "pw.flushTimeoutMillis=1000");
    assertThat(first.exitCode()).as(first.output()).isZero();
    Path spool = tmp.resolve("panicwatch-" + SecondUser.NAME).resolve(dsnFolder);
    assertThat(envelopes(spool)).hasSize(1);
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("r-x------")); // its owner may no longer change it

    receiver.healthy();
    Run second = asSecondUser("pw.run=2", "pw.panics=2", "pw.stopAtEnd=true");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(exceptionValues(receiver.acceptedEvents()))
        .containsExactlyInAnyOrder("replica 1 lost its log", "replica 2 lost its log", "replica 2 lost its log (2)");
    assertThat(second.output())
        .contains("cannot write to the spool [" + spool + "]: panics wait in memory")
        .contains("this process will not send it again, and it was emptied, so the next start skips it");

    Run third = asSecondUser("pw.run=3", "pw.stopAtEnd=true");
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(receiver.acceptedEvents()).hasSize(3);
    assertThat(envelopes(spool)).singleElement().satisfies(file -> assertThat(file).isEmptyFile());
  }

  @Test
  void theSharedFolderOfEarlierVersionsGivesUpThisUsersUnsentPanicsAndKeepsTheOtherUsers() throws Exception {
    Path old = Files.createDirectories(tmp.resolve("panicwatch").resolve(dsnFolder));
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path ours = Files.write(old.resolve("0000000000001-000000001.99999999-aaaa.envelope"), envelope("left by an earlier version"));
    Path theirs = Files.write(old.resolve("0000000000002-000000001.99999998-bbbb.envelope"), envelope("another user's"));
    SecondUser.chown(theirs);

    Run run = asRoot("pw.run=9", "pw.stopAtEnd=true");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(exceptionValues(receiver.awaitAcceptedEvents(1, WAIT))).containsExactly("left by an earlier version");
    assertThat(receiver.acceptedEvents()).hasSize(1);
    assertThat(ours).doesNotExist();
    assertThat(theirs).exists();
    assertThat(run.output()).contains("took over 1 unsent panic(s) of this user from [" + old + "]");
  }
}
