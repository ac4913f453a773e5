package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;

/**
 * A transport that writes each event item of an envelope to the outbox, byte for byte as the SDK
 * serialised it for sending, and then hands the envelope to the real transport when there is one.
 * Taking the bytes here, after the SDK's processors, {@code beforeSend} (our scrubber) and size
 * limits, is what makes the outbox show exactly what was, or would have been, sent.
 */
final class OutboxTransport implements ITransport {
  private final OutboxWriter outbox;
  private final ITransport delegate;
  private final StatusSink status;

  /**
   * @param delegate the SDK's HTTP transport, or {@code null} when there is no DSN
   */
  OutboxTransport(OutboxWriter outbox, ITransport delegate, StatusSink status) {
    this.outbox = outbox;
    this.delegate = delegate;
    this.status = status;
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) throws IOException {
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.Event) {
        try {
          long torn = outbox.append(item.getData());
          if (torn > 0) {
            status.warn(
                "The outbox [" + outbox.file() + "] ended in a torn line (" + torn
                    + " bytes, a write cut short earlier); it was removed before this event",
                null);
          }
        } catch (Exception e) {
          status.error("Could not write an event to the outbox [" + outbox.file() + "]", e);
        }
      }
    }
    if (delegate != null) {
      delegate.send(envelope, hint);
    }
  }

  @Override
  public void flush(long timeoutMillis) {
    if (delegate != null) {
      delegate.flush(timeoutMillis);
    }
  }

  @Override
  public RateLimiter getRateLimiter() {
    return delegate == null ? null : delegate.getRateLimiter();
  }

  @Override
  public void close(boolean isRestarting) throws IOException {
    if (delegate != null) {
      delegate.close(isRestarting);
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }
}
