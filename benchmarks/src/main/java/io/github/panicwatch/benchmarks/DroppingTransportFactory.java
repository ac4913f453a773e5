package io.github.panicwatch.benchmarks;

import io.sentry.Hint;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryEnvelope;
import io.sentry.SentryOptions;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;

/**
 * Builds a transport that drops every envelope, so benchmarks measure everything up to the hand-off
 * to the network and send nothing. A factory of our own: the SDK treats its {@code
 * NoOpTransportFactory} as unset and would build the HTTP transport instead.
 */
public final class DroppingTransportFactory implements ITransportFactory {
  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    return new DroppingTransport();
  }

  private static final class DroppingTransport implements ITransport {
    @Override
    public void send(SentryEnvelope envelope, Hint hint) {
      // dropped: the hand-off is where the measurement ends
    }

    @Override
    public void flush(long timeoutMillis) {}

    @Override
    public RateLimiter getRateLimiter() {
      return null;
    }

    @Override
    public void close(boolean isRestarting) {}

    @Override
    public void close() {}
  }
}
