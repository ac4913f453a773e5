package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.StatusSink;
import io.sentry.AsyncHttpTransportFactory;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryOptions;
import io.sentry.transport.ITransport;

/**
 * Chooses the transport: the SDK's own asynchronous HTTP transport when a DSN is configured, the
 * outbox when one is, both when both are. Set explicitly on the options because the SDK treats its
 * no-op factory as "unset" and would build the HTTP transport even without a real DSN.
 */
final class PanicwatchTransportFactory implements ITransportFactory {
  private final boolean sendOverHttp;
  private final OutboxWriter outbox;
  private final StatusSink status;

  PanicwatchTransportFactory(boolean sendOverHttp, OutboxWriter outbox, StatusSink status) {
    if (!sendOverHttp && outbox == null) {
      throw new IllegalArgumentException("nowhere to deliver: no DSN and no outbox");
    }
    this.sendOverHttp = sendOverHttp;
    this.outbox = outbox;
    this.status = status;
  }

  @Override
  public ITransport create(SentryOptions options, RequestDetails requestDetails) {
    ITransport http = sendOverHttp ? new AsyncHttpTransportFactory().create(options, requestDetails) : null;
    return outbox == null ? http : new OutboxTransport(outbox, http, status);
  }
}
