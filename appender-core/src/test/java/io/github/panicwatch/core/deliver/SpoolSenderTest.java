package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.storage.PrivateFolder;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.transport.RateLimiter;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool sender against a scripted uploader and a real spool folder (issue 20): what each answer
 * of Sentry does to the file, the backoff, and a close during an attempt. {@code flush} waits for a
 * pass that starts after it, so each check runs once the sender has acted.
 */
class SpoolSenderTest {
  private static final long WAIT_MILLIS = 20_000;

  private final SentryOptions options = new SentryOptions();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final StatusSink status =
      new StatusSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message, Throwable cause) {}

        @Override
        public void error(String message, Throwable cause) {
          errors.add(message);
        }
      };
  private final ScriptedUploader uploader = new ScriptedUploader();
  @TempDir File dir;
  private Spool spool;
  private SpoolSender sender;

  /** Answers each upload with what {@link #answer} says for its message; records what it was given. */
  private static final class ScriptedUploader implements EnvelopeUploader {
    final SentryOptions options = new SentryOptions();
    final List<String> uploaded = new CopyOnWriteArrayList<>();
    volatile ToIntFunction<String> answer = message -> 200;
    volatile boolean rateLimited;
    volatile CountDownLatch hold;
    volatile boolean closed;

    @Override
    public int upload(SentryEnvelope envelope) throws IOException {
      String message;
      try {
        message = envelope.getItems().iterator().next().getEvent(options.getSerializer()).getMessage().getFormatted();
      } catch (Exception e) {
        throw new IOException(e);
      }
      uploaded.add(message);
      CountDownLatch held = hold;
      if (held != null) {
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (closed) {
        throw new IOException("closed during the attempt");
      }
      int code = answer.applyAsInt(message);
      if (code < 0) {
        throw new IOException("connection refused");
      }
      return code;
    }

    @Override
    public boolean rateLimited() {
      return rateLimited;
    }

    @Override
    public RateLimiter rateLimiter() {
      return null;
    }

    @Override
    public void close() {
      closed = true;
      CountDownLatch held = hold;
      if (held != null) {
        held.countDown();
      }
    }
  }

  private Spool openSpool() throws IOException {
    return new Spool(
        "TEST", PrivateFolder.open(dir.toPath(), status), 100, options.getSerializer(), options.getEnvelopeReader(), status);
  }

  private void start() throws IOException {
    spool = openSpool();
    sender =
        new SpoolSender(
            "TEST",
            spool,
            uploader,
            new SizeBudget(options.getSerializer()),
            new LostPanics("TEST", SentryDelivery.REFUSED_EXTRA, "refused by Sentry and dropped", status),
            new LostPanics("TEST", SentryDelivery.DROPPED_EXTRA, "dropped", status),
            status);
  }

  @AfterEach
  void close() {
    if (sender != null) {
      sender.close();
    }
  }

  private void spool(String message) throws Exception {
    spool(message, "");
  }

  private void spool(String message, String breadcrumbText) throws Exception {
    SentryEvent event = new SentryEvent();
    Message text = new Message();
    text.setFormatted(message);
    event.setMessage(text);
    if (!breadcrumbText.isEmpty()) {
      List<io.sentry.Breadcrumb> crumbs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        io.sentry.Breadcrumb crumb = new io.sentry.Breadcrumb();
        crumb.setMessage(i + " " + breadcrumbText);
        crumbs.add(crumb);
      }
      event.setBreadcrumbs(crumbs);
    }
    spool.write(SentryEnvelope.from(options.getSerializer(), event, null));
  }

  /** Wakes the sender and waits for a whole pass. */
  private void pass() {
    sender.wake();
    assertThat(sender.flush(WAIT_MILLIS)).as("a pass ended").isTrue();
  }

  private List<String> spooledMessages() throws Exception {
    List<String> messages = new ArrayList<>();
    for (Spool.Entry file : spool.pending()) {
      messages.add(spool.read(file).getItems().iterator().next().getEvent(options.getSerializer()).getMessage().getFormatted());
    }
    return messages;
  }

  @Test
  void aFileIsDeletedAfterA2xx() throws Exception {
    start();
    spool("disk gone");
    pass();
    assertThat(uploader.uploaded).containsExactly("disk gone");
    assertThat(spool.pending()).isEmpty();
  }

  @Test
  void aFileStaysAfterA500AndIsSentOnceSentryRecovers() throws Exception {
    start();
    uploader.answer = message -> 500;
    spool("disk gone");
    pass();
    assertThat(spooledMessages()).containsExactly("disk gone");

    uploader.answer = message -> 200;
    pass();
    assertThat(spool.pending()).isEmpty();
    assertThat(uploader.uploaded).hasSizeGreaterThan(1).containsOnly("disk gone");
  }

  @Test
  void aFileStaysAfterA429() throws Exception {
    start();
    uploader.answer = message -> 429;
    spool("disk gone");
    pass();
    assertThat(spooledMessages()).containsExactly("disk gone");
    assertThat(errors).isEmpty();
  }

  @Test
  void whileRateLimitedNothingIsSentAndTheFileStays() throws Exception {
    start();
    uploader.rateLimited = true;
    spool("disk gone");
    pass();
    assertThat(uploader.uploaded).isEmpty();
    assertThat(spooledMessages()).containsExactly("disk gone");
  }

  @Test
  void anUnreachableSentryStopsThePassKeepsTheFilesAndIsRetriedWithoutAnotherPanic() throws Exception {
    start();
    uploader.answer = message -> -1;
    spool("first");
    spool("second");
    pass();
    assertThat(uploader.uploaded).as("the second would wait for the same timeout").containsOnly("first");
    assertThat(spooledMessages()).containsExactly("first", "second");

    uploader.answer = message -> 200;
    // no wake, no flush: the backoff (0.5 s after one failure) retries by itself
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> spool.pending().isEmpty());
    assertThat(uploader.uploaded).endsWith("first", "second");
  }

  @Test
  void aPoisonEnvelopeAnswered400IsTrimmedOnceThenDroppedWithAnErrorAndDoesNotHoldUpTheOthers() throws Exception {
    start();
    uploader.answer = message -> message.equals("poison") ? 400 : 200;
    spool("poison");
    spool("healthy");
    pass();
    assertThat(uploader.uploaded).as("the one after the poison went in the same pass").contains("healthy");
    // the trimmed copy goes with a later pass (the backoff's, or the next panic's)
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> spool.pending().isEmpty());
    assertThat(uploader.uploaded).filteredOn("poison"::equals).as("as it was, then trimmed once").hasSize(2);
    assertThat(errors).singleElement().asString()
        .contains("refused by Sentry and dropped", "HTTP 400", "extra." + SentryDelivery.REFUSED_EXTRA);

    pass();
    assertThat(uploader.uploaded).as("never sent again").hasSize(3);
  }

  @Test
  void theCopyOfARefusedEnvelopeSaysItWasTrimmedAfterTheRefusal() throws Exception {
    start();
    uploader.answer = message -> uploader.uploaded.size() == 1 ? 400 : 500;
    spool("poison");
    pass();
    assertThat(spool.pending()).hasSize(1);
    SentryEvent trimmed =
        spool.read(spool.pending().get(0)).getItems().iterator().next().getEvent(options.getSerializer());
    assertThat(((Number) trimmed.getExtra(SizeBudget.TRIMMED_AFTER_REFUSAL_EXTRA)).intValue()).isEqualTo(400);
  }

  @Test
  void aTooLargeEnvelopeAnswered413IsTrimmedHarderAndSentAgain() throws Exception {
    start();
    uploader.answer = message -> uploader.uploaded.size() == 1 ? 413 : 200;
    spool("large", "x".repeat(2_000));
    pass();
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> spool.pending().isEmpty());
    assertThat(uploader.uploaded).containsExactly("large", "large");
    assertThat(errors).isEmpty();
  }

  @Test
  void theHarderTrimKeepsTheMessageAndSaysWhatWent() throws Exception {
    start();
    uploader.answer = message -> uploader.uploaded.size() == 1 ? 413 : 500;
    spool("large", "x".repeat(2_000));
    pass();
    SentryEvent trimmed =
        spool.read(spool.pending().get(0)).getItems().iterator().next().getEvent(options.getSerializer());
    assertThat(trimmed.getMessage().getFormatted()).isEqualTo("large");
    assertThat(((Number) trimmed.getExtra(SizeBudget.TRIMMED_AFTER_REFUSAL_EXTRA)).intValue()).isEqualTo(413);
    assertThat((String) trimmed.getExtra(SizeBudget.TRIMMED_EXTRA)).contains("breadcrumb");
  }

  @Test
  void a401KeepsEveryFileStopsThePassAndSaysSoOnce() throws Exception {
    start();
    uploader.answer = message -> 401;
    spool("first");
    spool("second");
    pass();
    pass();
    assertThat(uploader.uploaded).as("the second file waits: the key would be refused again").containsOnly("first");
    assertThat(spooledMessages()).containsExactly("first", "second");
    assertThat(errors).singleElement().asString().contains("HTTP 401", "check the dsn");
  }

  @Test
  void closeDuringAnAttemptEndsItAtOnceAndKeepsTheFile() throws Exception {
    start();
    uploader.hold = new CountDownLatch(1);
    spool("disk gone");
    sender.wake();
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !uploader.uploaded.isEmpty());
    sender.close();
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS))
        .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("panicwatch-sender-TEST")));
    assertThat(openSpool().pending())
        .as("left for the next engine").hasSize(1);
  }

  @Test
  void flushOnAnInterruptedThreadStillWaitsForThePassAndKeepsTheFlag() throws Exception {
    start();
    uploader.hold = new CountDownLatch(1);
    spool("disk gone");
    sender.wake();
    Awaitility.await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> !uploader.uploaded.isEmpty());
    uploader.hold.countDown(); // Sentry answers; the flush below must still wait for a pass to end
    Thread.currentThread().interrupt();
    boolean flushed = sender.flush(WAIT_MILLIS);
    boolean stillInterrupted = Thread.interrupted();
    assertThat(flushed).isTrue();
    assertThat(stillInterrupted).isTrue();
    assertThat(spool.pending()).isEmpty();
  }

  @Test
  void anEnvelopeTheDiskCouldNotTakeIsSentFromMemory() throws Exception {
    start();
    SentryEvent event = new SentryEvent();
    Message text = new Message();
    text.setFormatted("unspooled");
    event.setMessage(text);
    sender.sendUnspooled(SentryEnvelope.from(options.getSerializer(), event, null));
    assertThat(sender.flush(WAIT_MILLIS)).isTrue();
    assertThat(uploader.uploaded).containsExactly("unspooled");
  }
}
