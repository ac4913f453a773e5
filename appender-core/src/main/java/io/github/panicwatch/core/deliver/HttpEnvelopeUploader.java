package io.github.panicwatch.core.deliver;

import io.sentry.DataCategory;
import io.sentry.RequestDetails;
import io.sentry.RequestDetailsResolver;
import io.sentry.SentryEnvelope;
import io.sentry.SentryOptions;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.HttpsURLConnection;

/**
 * Posts envelopes to Sentry's envelope endpoint as the SDK's own HTTP transport does (its URL and
 * {@code X-Sentry-Auth} header, gzip, {@code Connection: close}, the SDK's serializer, connect and
 * read timeouts, its {@link RateLimiter} fed with {@code Retry-After} and {@code X-Sentry-Rate-Limits}),
 * but synchronously and returning the status code: the SDK's transport reports only success or
 * failure, and Panicwatch must tell a 413 (trim it) from a 401 (a bad key) from a 503 (retry) (issue 12).
 */
final class HttpEnvelopeUploader implements EnvelopeUploader {
  private final SentryOptions options;
  private final RequestDetails request;
  private final RateLimiter rateLimiter;
  private volatile HttpURLConnection inFlight;
  private volatile boolean closed;

  HttpEnvelopeUploader(SentryOptions options) {
    this.options = options;
    this.request = new RequestDetailsResolver(options).resolve();
    this.rateLimiter = new RateLimiter(options);
  }

  @Override
  public int upload(SentryEnvelope envelope) throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    HttpURLConnection connection = (HttpURLConnection) request.getUrl().openConnection();
    inFlight = connection;
    try {
      request.getHeaders().forEach(connection::setRequestProperty);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Encoding", "gzip");
      connection.setRequestProperty("Content-Type", "application/x-sentry-envelope");
      connection.setRequestProperty("Accept", "application/json");
      connection.setRequestProperty("Connection", "close");
      connection.setConnectTimeout(options.getConnectionTimeoutMillis());
      connection.setReadTimeout(options.getReadTimeoutMillis());
      if (connection instanceof HttpsURLConnection https && options.getSslSocketFactory() != null) {
        https.setSSLSocketFactory(options.getSslSocketFactory());
      }
      if (closed) {
        throw new IOException("closed");
      }
      try (OutputStream body = new GZIPOutputStream(connection.getOutputStream())) {
        options.getSerializer().serialize(envelope, body);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("cannot serialise the envelope", e);
      }
      int status = connection.getResponseCode();
      rateLimiter.updateRetryAfterLimits(
          connection.getHeaderField("X-Sentry-Rate-Limits"), connection.getHeaderField("Retry-After"), status);
      drain(connection, status);
      return status;
    } finally {
      inFlight = null;
      connection.disconnect();
    }
  }

  /** Reads the answer's body to its end (Sentry's is small), so the connection closes cleanly. */
  private static void drain(HttpURLConnection connection, int status) {
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in != null) {
        in.readNBytes(64 * 1024);
      }
    } catch (IOException e) {
      // the status is what counts
    }
  }

  @Override
  public boolean rateLimited() {
    return rateLimiter.isActiveForCategory(DataCategory.Error);
  }

  @Override
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  @Override
  public void close() {
    closed = true;
    HttpURLConnection connection = inFlight;
    if (connection != null) {
      connection.disconnect(); // the blocked read fails at once instead of at its read timeout
    }
    try {
      rateLimiter.close();
    } catch (IOException e) {
      // nothing to release that matters
    }
  }
}
