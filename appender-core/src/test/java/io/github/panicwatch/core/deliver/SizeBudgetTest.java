package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Events fitted to Sentry's size limits before they are spooled or sent (issue 12). */
class SizeBudgetTest {
  private final SentryOptions options = new SentryOptions();
  private final SizeBudget budget = new SizeBudget(options.getSerializer());

  /** A panic of 5,000 nested causes of 40 frames each, and 100 breadcrumbs of 20,000 characters. */
  private SentryEvent oversized() {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted("ledger corrupt: " + "m".repeat(5_000));
    event.setMessage(message);
    List<SentryException> chain = new ArrayList<>();
    for (int depth = 0; depth < 5_000; depth++) {
      SentryException exception = new SentryException();
      exception.setType("IllegalStateException");
      exception.setValue("cause " + depth);
      List<SentryStackFrame> frames = new ArrayList<>();
      for (int f = 0; f < 40; f++) {
        SentryStackFrame frame = new SentryStackFrame();
        frame.setModule("app.Service" + f);
        frame.setFunction("call" + f);
        frames.add(frame);
      }
      exception.setStacktrace(new SentryStackTrace(frames));
      chain.add(exception);
    }
    chain.get(chain.size() - 1).setValue("the panic's own " + "v".repeat(3_000));
    event.setExceptions(chain);
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Breadcrumb crumb = new Breadcrumb();
      crumb.setMessage("line " + i + " " + Long.toHexString(i * 0x9E3779B97F4A7C15L).repeat(1_300));
      crumbs.add(crumb);
    }
    event.setBreadcrumbs(crumbs);
    return event;
  }

  private static byte[] bytes(SentryEnvelope envelope, SentryOptions options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    options.getSerializer().serialize(envelope, out);
    return out.toByteArray();
  }

  private static int gzipped(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.size();
  }

  private SentryEvent eventOf(SentryEnvelope envelope) throws Exception {
    SentryEnvelopeItem item = envelope.getItems().iterator().next();
    return item.getEvent(options.getSerializer());
  }

  @Test
  void anEventWithinTheLimitsIsLeftAsItIs() throws Exception {
    SentryEvent event = new SentryEvent();
    SentryEnvelope envelope = SentryEnvelope.from(options.getSerializer(), event, null);
    assertThat(budget.fit(envelope)).isSameAs(envelope);
  }

  @Test
  void anOversizedPanicIsTrimmedWithinBothLimitsKeepingItsMessageOwnExceptionAndTopFrames() throws Exception {
    SentryEnvelope envelope = SentryEnvelope.from(options.getSerializer(), oversized(), null);
    assertThat(bytes(envelope, options).length).as("the panic as built").isGreaterThan(1_000_000);

    SentryEnvelope fitted = budget.fit(envelope);
    byte[] sent = bytes(fitted, options);
    assertThat(sent.length).isLessThan(1_000_000);
    assertThat(gzipped(sent)).isLessThan(200_000);
    SentryEvent event = eventOf(fitted);
    assertThat(fitted.getHeader().getEventId()).isEqualTo(envelope.getHeader().getEventId());
    assertThat(event.getMessage().getFormatted()).isEqualTo("ledger corrupt: " + "m".repeat(5_000));
    SentryException own = event.getExceptions().get(event.getExceptions().size() - 1);
    assertThat(own.getValue()).isEqualTo("the panic's own " + "v".repeat(3_000));
    assertThat(own.getStacktrace().getFrames()).last().extracting(SentryStackFrame::getFunction).isEqualTo("call39");
    assertThat(event.getExceptions().get(0).getValue()).as("the root cause").isEqualTo("cause 0");
    assertThat((String) event.getExtra(SizeBudget.TRIMMED_EXTRA))
        .contains("breadcrumb message(s) cut", "exception(s) dropped from the middle of the cause chain");
  }

  @Test
  void trimmingGoesInItsDocumentedOrderAndStopsAsSoonAsTheEventFits() throws Exception {
    SentryEvent event = new SentryEvent();
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Breadcrumb crumb = new Breadcrumb();
      crumb.setMessage("x".repeat(15_000));
      crumbs.add(crumb);
    }
    event.setBreadcrumbs(crumbs);
    SentryEnvelope fitted = budget.fit(SentryEnvelope.from(options.getSerializer(), event, null));
    SentryEvent trimmed = eventOf(fitted);
    assertThat(trimmed.getBreadcrumbs()).as("cutting the messages was enough").hasSize(100);
    assertThat((String) trimmed.getExtra(SizeBudget.TRIMMED_EXTRA))
        .contains("100 breadcrumb message(s) cut to 1024 characters").doesNotContain("dropped");
  }

  @Test
  void anEnvelopeRefusedOnceIsTrimmedToAQuarterAndNotAgain() throws Exception {
    SentryEnvelope fitted = budget.fit(SentryEnvelope.from(options.getSerializer(), oversized(), null));
    SentryEnvelope harder = budget.fitAfterRefusal(fitted, 413);
    assertThat(harder).isNotNull();
    assertThat(bytes(harder, options).length).isLessThan(250_000);
    assertThat(((Number) eventOf(harder).getExtra(SizeBudget.TRIMMED_AFTER_REFUSAL_EXTRA)).intValue()).isEqualTo(413);
    assertThat(budget.fitAfterRefusal(harder, 413)).as("refused after that: dropped").isNull();
  }
}
