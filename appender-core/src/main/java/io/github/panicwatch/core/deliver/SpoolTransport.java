package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.Hint;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;

/**
 * The transport our client sends through when there is a DSN: it puts each envelope on disk (or,
 * when the disk cannot take it, in the spool's memory), then lets the {@link SpoolSender} deliver it. {@code send} runs on the delivery thread inside
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
    try {
      spool.write(envelope); // on disk, or held in the spool's memory when the disk cannot take it
    } catch (IOException | RuntimeException e) {
      // the spool could not take it at all (it would not serialise): the sender keeps it in memory
      status.error("cannot spool a panic; sending it without the spool", e);
      sender.sendUnspooled(envelope);
      return;
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
