package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.StatusSink;
import io.github.panicwatch.core.scrub.EventScrubber;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.io.File;

/**
 * Panicwatch's own Sentry client: built from options of its own, never through {@code Sentry.init},
 * so an application that uses Sentry itself keeps its options, scopes and breadcrumbs, and ours carry
 * none of its data. The SDK does the rest: exception conversion, envelopes, the asynchronous HTTP
 * transport, rate limits. The scrubber runs as {@code beforeSend}, the last step before
 * serialisation, so it sees the event exactly as it will be sent.
 */
public final class SentryDelivery implements AutoCloseable {
  /**
   * The SDK requires a DSN even when it never connects; without a real one, this stands in. It is
   * never contacted: without a DSN no HTTP transport is built.
   */
  static final String OUTBOX_ONLY_DSN = "http://outbox@localhost/0";
  /** Seconds, not the SDK's 30 s: a crash reporter must not hold a dying process. */
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  static final int READ_TIMEOUT_MILLIS = 5_000;

  private final SentryClient client;
  private final StatusSink status;

  /**
   * @param dsn where to send, or {@code null} to write to the outbox only
   * @param outboxFile the outbox, or {@code null} for none; at least one of the two is set
   */
  public SentryDelivery(
      String dsn,
      File outboxFile,
      String release,
      String environment,
      long flushTimeoutMillis,
      EventScrubber scrubber,
      StatusSink status) {
    this.status = status;
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn == null ? OUTBOX_ONLY_DSN : dsn);
    options.setRelease(release);
    options.setEnvironment(environment);
    // no PII of the SDK's own making: no user IP, no host name
    options.setSendDefaultPii(false);
    options.setAttachServerName(false);
    options.setAttachThreads(false);
    options.setAttachStacktrace(false);
    options.setEnableUncaughtExceptionHandler(false);
    options.setEnableShutdownHook(false);
    options.setFlushTimeoutMillis(flushTimeoutMillis);
    options.setShutdownTimeoutMillis(flushTimeoutMillis);
    options.setConnectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
    options.setReadTimeoutMillis(READ_TIMEOUT_MILLIS);
    options.setDebug(true); // lets the SDK's warnings reach SdkStatusLogger, which drops the rest
    options.setLogger(new SdkStatusLogger(status));
    options.setBeforeSend(
        (event, hint) -> {
          try {
            return scrubber.scrub(event);
          } catch (RuntimeException | Error e) {
            // the SDK would send the event unscrubbed if this threw: drop it instead
            status.error("Scrubbing failed; the event was dropped rather than sent unscrubbed", e);
            return null;
          }
        });
    OutboxWriter outbox = outboxFile == null ? null : new OutboxWriter(outboxFile);
    options.setTransportFactory(new PanicwatchTransportFactory(dsn != null, outbox, status));
    this.client = new SentryClient(options);
  }

  /** Hands the event to the SDK; returns once it is queued for sending (or written to the outbox). */
  public void capture(SentryEvent event) {
    try {
      client.captureEvent(event, null, null);
    } catch (RuntimeException e) {
      status.error("Sentry could not capture a panic event", e);
    }
  }

  /** Waits up to {@code timeoutMillis} for queued events to be sent. */
  public void flush(long timeoutMillis) {
    client.flush(timeoutMillis);
  }

  @Override
  public void close() {
    client.close();
  }
}
