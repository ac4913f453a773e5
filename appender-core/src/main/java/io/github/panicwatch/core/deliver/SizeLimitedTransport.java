package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;

/**
 * The first transport every envelope meets: it fits the event to Sentry's size limits ({@link
 * SizeBudget}) before the outbox, the spool or the network see it, so all three hold exactly what
 * Sentry will accept.
 */
final class SizeLimitedTransport implements ITransport {
  private final SizeBudget budget;
  private final ITransport delegate;
  private final StatusSink status;

  SizeLimitedTransport(SizeBudget budget, ITransport delegate, StatusSink status) {
    this.budget = budget;
    this.delegate = delegate;
    this.status = status;
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) throws IOException {
    SentryEnvelope fitted;
    try {
      fitted = budget.fit(envelope);
    } catch (Exception e) {
      // measuring or trimming failed: the event goes as it is; Sentry may refuse it (then see SpoolSender)
      status.warn("Could not fit a panic event to Sentry's size limits; sending it as it is", e);
      fitted = envelope;
    }
    delegate.send(fitted, hint);
  }

  @Override
  public void flush(long timeoutMillis) {
    delegate.flush(timeoutMillis);
  }

  @Override
  public RateLimiter getRateLimiter() {
    return delegate.getRateLimiter();
  }

  @Override
  public void close(boolean isRestarting) throws IOException {
    delegate.close(isRestarting);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
