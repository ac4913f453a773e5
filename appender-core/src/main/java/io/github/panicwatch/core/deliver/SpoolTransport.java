package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;

/**
 * The transport our client sends through when there is a DSN: it puts each envelope on disk, then
 * lets the {@link SpoolSender} deliver it. {@code send} runs on the delivery thread inside
 * {@code captureEvent}, so by the time a flush starts waiting, the panic is already on disk.
 */
final class SpoolTransport implements ITransport {
  private final String name;
  private final Spool spool;
  private final EnvelopeUploader uploader;
  private final SpoolSender sender;
  private final StatusSink status;

  /** @param sender sends what this transport spools, through {@code uploader} */
  SpoolTransport(String name, Spool spool, EnvelopeUploader uploader, SpoolSender sender, StatusSink status) {
    this.name = name;
    this.spool = spool;
    this.uploader = uploader;
    this.sender = sender;
    this.status = status;
  }

  /** Sends what earlier processes or engines left in the spool, on the sender thread. */
  void resendLeftovers() {
    if (spool.hasFiles()) {
      sender.wake();
    }
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) throws IOException {
    int dropped;
    try {
      dropped = spool.write(envelope);
    } catch (IOException | RuntimeException e) {
      // without the disk the panic can still go out, only not survive an outage or an exit
      status.error("cannot write to the spool [" + spool.dir() + "]; sending without it", e);
      sender.sendUnspooled(envelope);
      return;
    }
    if (dropped > 0) {
      status.warn(
          "the spool [" + spool.dir() + "] was full (maxSpooledEvents): dropped the "
              + dropped + " oldest unsent panic(s); the next event reports it",
          null);
    }
    sender.wake();
  }

  @Override
  public void flush(long timeoutMillis) {
    sender.flush(timeoutMillis);
  }

  @Override
  public RateLimiter getRateLimiter() {
    return uploader.rateLimiter();
  }

  @Override
  public void close(boolean isRestarting) {
    sender.close();
  }

  @Override
  public void close() {
    close(false);
  }
}
