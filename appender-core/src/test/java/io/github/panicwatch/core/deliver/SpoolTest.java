package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private final SentryOptions options = new SentryOptions();
  @TempDir File dir;
  private Spool spool;

  private Spool open(int maxEvents) {
    return new Spool(dir, maxEvents, options.getSerializer(), options.getEnvelopeReader());
  }

  private SentryEnvelope envelope(String text) throws Exception {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(text);
    event.setMessage(message);
    return SentryEnvelope.from(options.getSerializer(), event, null);
  }

  private String textOf(SentryEnvelope envelope) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    options.getSerializer().serialize(envelope, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @AfterEach
  void release() {
    if (spool != null) {
      spool.release();
    }
  }

  @Test
  void writtenEnvelopesArePendingOldestFirstAndReadBackUnchanged() throws Exception {
    spool = open(10);
    SentryEnvelope first = envelope("first");
    spool.write(first);
    spool.write(envelope("second"));
    List<File> pending = spool.pending();
    assertThat(pending).hasSize(2);
    assertThat(textOf(spool.read(pending.get(0)))).isEqualTo(textOf(first));
    assertThat(textOf(spool.read(pending.get(1)))).contains("second");
  }

  @Test
  void aFullSpoolDropsTheOldestAndCountsTheDropOnce() throws Exception {
    spool = open(2);
    spool.write(envelope("one"));
    spool.write(envelope("two"));
    assertThat(spool.write(envelope("three"))).isEqualTo(1);
    assertThat(spool.pending()).extracting(file -> textOf(spool.read(file)))
        .satisfiesExactly(text -> assertThat(text).contains("two"), text -> assertThat(text).contains("three"));
    assertThat(spool.takeUnreportedDrops()).isEqualTo(1);
    assertThat(spool.takeUnreportedDrops()).isZero();
  }

  @Test
  void filesOfAReleasedOwnerAreAdoptedByTheNextOne() throws Exception {
    Spool earlier = open(10);
    earlier.write(envelope("left behind"));
    earlier.release();
    spool = open(10);
    List<File> pending = spool.pending();
    assertThat(pending).hasSize(1);
    assertThat(textOf(spool.read(pending.get(0)))).contains("left behind");
    assertThat(earlier.pending()).isEmpty();
  }

  @Test
  void filesOfAnotherLiveOwnerAreLeftToIt() throws Exception {
    Spool other = open(10);
    try {
      other.write(envelope("theirs"));
      spool = open(10);
      assertThat(spool.pending()).isEmpty();
      assertThat(spool.hasFiles()).isTrue();
      assertThat(other.pending()).hasSize(1);
    } finally {
      other.release();
    }
  }

  @Test
  void filesOfADeadProcessAreAdopted() throws Exception {
    spool = open(10);
    spool.write(envelope("from a dead process"));
    File mine = spool.pending().get(0);
    // a pid far above pid_max on Linux (4194304) belongs to no live process
    File orphan = new File(dir, mine.getName().replaceFirst("\\.\\d+-", ".99999999-"));
    Files.move(mine.toPath(), orphan.toPath());
    assertThat(spool.pending()).hasSize(1).allSatisfy(file -> assertThat(file).exists().isNotEqualTo(orphan));
  }
}
