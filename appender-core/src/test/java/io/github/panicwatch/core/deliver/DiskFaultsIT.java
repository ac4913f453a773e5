package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.scrub.EventScrubber;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.testing.FaultyDisk;
import io.github.panicwatch.testing.SentryReceiver;
import io.github.panicwatch.testing.StatusRecorder;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk faults under the whole delivery path (issue 12, item 5): the real SDK sending to a receiver
 * on 127.0.0.1, every file through a {@link FaultyDisk} that fills up or turns read-only on cue.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskFaultsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final FaultyDisk disk = new FaultyDisk();
  private final StatusRecorder status = new StatusRecorder();
  private final List<SentryDelivery> opened = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    opened.forEach(SentryDelivery::close);
    receiver.close();
  }

  private SentryDelivery start(boolean withDsn) {
    PanicwatchOptions options = new PanicwatchOptions();
    if (withDsn) {
      options.set(PanicwatchOptions.DSN, receiver.dsn());
      options.set(PanicwatchOptions.CACHE_DIR_PATH, dir.resolve("cache").toString());
    } else {
      options.set(PanicwatchOptions.OUTBOX, dir.resolve("outbox.jsonl").toString());
    }
    options.set(PanicwatchOptions.MAX_EVENTS_PER_FINGERPRINT, "0");
    SentryDelivery delivery =
        new SentryDelivery("PANIC", options, "1.0", "test", new EventScrubber(Scrubber.compile(options.scrub())), status, disk);
    opened.add(delivery);
    return delivery;
  }

  private static SentryEvent event(String text) {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return event;
  }

  private List<String> acceptedMessages() {
    return receiver.acceptedEvents().stream().map(event -> event.path("message").path("formatted").asText()).toList();
  }

  private long spooledFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
      return files.filter(file -> file.toString().endsWith(".envelope")).count();
    }
  }

  @Test
  void aPanicTheFullDiskCannotTakeWhileSentryIsDownWaitsInMemoryAndArrivesOnceSentryIsBack() {
    SentryDelivery delivery = start(true);
    receiver.down();
    disk.fillAfter(0);
    delivery.capture(event("disk full, Sentry down"), "f1");
    delivery.flush(1000);
    assertThat(receiver.acceptedEvents()).isEmpty();

    receiver.healthy();
    delivery.flush(5000);

    assertThat(receiver.awaitAcceptedEvents(1, WAIT)).hasSize(1);
    delivery.flush(2000);
    assertThat(acceptedMessages()).containsExactly("disk full, Sentry down");
    assertThat(status.lines()).anySatisfy(line -> assertThat(line).contains("cannot write to the spool").contains("wait in memory"));
  }

  @Test
  void aPanicHeldInMemoryIsWrittenToTheSpoolOnceTheDiskHasRoomAndTheNextProcessSendsIt() throws Exception {
    SentryDelivery delivery = start(true);
    receiver.down();
    disk.fillAfter(0);
    delivery.capture(event("held, then written"), "f1");
    delivery.flush(1000);
    assertThat(spooledFiles()).isZero();

    disk.makeRoom();
    delivery.flush(1000);
    assertThat(spooledFiles()).isEqualTo(1);
    delivery.close();
    assertThat(status.lines()).anySatisfy(line -> assertThat(line).contains("1 panic(s) held in memory were written to it"));

    receiver.healthy();
    SentryDelivery next = start(true);
    next.flush(5000);
    assertThat(receiver.awaitAcceptedEvents(1, WAIT)).hasSize(1);
    assertThat(acceptedMessages()).containsExactly("held, then written");
    assertThat(spooledFiles()).isZero();
  }

  @Test
  void aSpoolFolderThatTurnsReadOnlySendsEachPanicOnceHoweverManyPassesFollowAndTheNextStartNoMore() throws Exception {
    SentryDelivery delivery = start(true);
    receiver.down();
    delivery.capture(event("spooled before"), "f1");
    delivery.flush(1000);
    disk.readOnlyFolders(true);
    receiver.healthy();

    delivery.capture(event("held in memory"), "f2");
    delivery.flush(5000);
    delivery.capture(event("another"), "f3");
    delivery.flush(5000);
    delivery.flush(5000);
    delivery.close();
    assertThat(acceptedMessages()).containsExactlyInAnyOrder("spooled before", "held in memory", "another");

    SentryDelivery next = start(true);
    next.flush(5000);
    next.close();
    disk.readOnlyFolders(false);
    SentryDelivery writable = start(true);
    writable.flush(5000);
    assertThat(acceptedMessages()).hasSize(3);
    assertThat(spooledFiles()).isZero();
  }

  @Test
  void anOutboxLineCutShortByAFullDiskIsCutBackSoEveryLineParsesAndTheStatusSaysWhatWasLost() throws Exception {
    SentryDelivery delivery = start(false);
    delivery.capture(event("first"), "f1");
    disk.fillAfter(100);
    delivery.capture(event("lost to the full disk"), "f2");
    disk.makeRoom();
    delivery.capture(event("third"), "f3");

    List<String> messages = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("outbox.jsonl"))) {
      JsonNode event = new ObjectMapper().readTree(line);
      messages.add(event.path("message").path("formatted").asText());
    }
    assertThat(messages).containsExactly("first", "third");
    assertThat(status.lines()).anySatisfy(line -> assertThat(line)
        .startsWith("ERROR Could not write an event to the outbox [" + dir.resolve("outbox.jsonl") + "]")
        .endsWith("No space left on device"));
  }
}
