package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import io.sentry.transport.ITransport;

/**
 * Hands the client its transport: the spool (which sends through the SDK's HTTP transport) when a
 * DSN is configured, the outbox when one is, both when both are; behind the {@link SizeLimitedTransport}. Set explicitly on the options
 * because the SDK treats its no-op factory as "unset" and would build the HTTP transport even
 * without a real DSN.
 */
final class PanicwatchTransportFactory implements ITransportFactory {
  private final SizeBudget budget;
  private final ITransport spool;
  private final OutboxWriter outbox;
  private final StatusSink status;

  /**
   * @param spool the spool transport, or {@code null} when there is no DSN
   * @param outbox the outbox, or {@code null} for none
   */
  PanicwatchTransportFactory(SizeBudget budget, ITransport spool, OutboxWriter outbox, StatusSink status) {
    if (spool == null && outbox == null) {
      throw new IllegalArgumentException("nowhere to deliver: no DSN and no outbox");
    }
    this.budget = budget;
    this.spool = spool;
    this.outbox = outbox;
    this.status = status;
  }

  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    // events are fitted to Sentry's size limits first, so the outbox and the spool hold what is sent
    return new SizeLimitedTransport(budget, outbox == null ? spool : new OutboxTransport(outbox, spool, status), status);
  }
}
