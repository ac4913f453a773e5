package io.github.panicwatch.core.deliver;

import io.sentry.SentryEnvelope;
import io.sentry.transport.RateLimiter;
import java.io.IOException;

/** Posts one envelope to Sentry and tells what Sentry answered; what {@link SpoolSender} sends through. */
interface EnvelopeUploader extends AutoCloseable {
  /**
   * Posts {@code envelope} and waits for the answer (bounded by the connect and read timeouts).
   *
   * @return the HTTP status Sentry answered with
   * @throws IOException when no answer came: refused, timed out, or closed meanwhile
   */
  int upload(SentryEnvelope envelope) throws IOException;

  /** True while Sentry asked for no errors to be sent (429, {@code X-Sentry-Rate-Limits}). */
  boolean rateLimited();

  /** The limits Sentry asked for; {@code null} when this uploader keeps none. */
  RateLimiter rateLimiter();

  /** Ends an upload in flight at once (it fails with an {@link IOException}); no later one starts. */
  @Override
  void close();
}
