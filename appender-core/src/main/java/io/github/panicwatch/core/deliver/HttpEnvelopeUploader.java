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
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.HttpsURLConnection;

/**
 * Posts envelopes to Sentry's envelope endpoint as the SDK's own HTTP transport does (its URL and
 * {@code X-Sentry-Auth} header, gzip, {@code Connection: close}, the SDK's serializer, connect and
 * read timeouts, its {@link RateLimiter} fed with {@code Retry-After} and {@code X-Sentry-Rate-Limits},
 * the options' {@link SentryOptions.Proxy}), but synchronously and returning the status code: the
 * SDK's transport reports only success or failure, and Panicwatch must tell a 413 (trim it) from a
 * 401 (a bad key) from a 407 (the proxy's credentials) from a 503 (retry) (issue 12).
 *
 * <p>A proxy's credentials are given to this connection alone ({@link ProxyCredentials}), never
 * through {@link java.net.Authenticator#setDefault}, which the SDK's transport calls and which
 * would replace the host application's own authenticator for the whole JVM (issue 15).
 */
final class HttpEnvelopeUploader implements EnvelopeUploader {
  /** What the JDK says when a proxy refuses to open a tunnel: {@code … Proxy returns "HTTP/1.1 407 …"}. */
  private static final Pattern TUNNEL_REFUSED = Pattern.compile("Unable to tunnel through proxy.*\"HTTP/\\d(?:\\.\\d)? (\\d{3})");

  private final SentryOptions options;
  private final RequestDetails request;
  private final RateLimiter rateLimiter;
  /** The configured proxy, or {@code null}: then the JVM's own proxy settings apply, as before. */
  private final Proxy proxy;
  private volatile HttpURLConnection inFlight;
  private volatile boolean closed;

  HttpEnvelopeUploader(SentryOptions options) {
    this.options = options;
    this.request = new RequestDetailsResolver(options).resolve();
    this.rateLimiter = new RateLimiter(options);
    this.proxy = proxyOf(options.getProxy());
  }

  /**
   * An HTTP proxy at the configured host and port, left unresolved: the name is looked up when a
   * panic is sent, never at start, where a slow DNS would hold the application's start-up.
   */
  private static Proxy proxyOf(SentryOptions.Proxy configured) {
    if (configured == null || configured.getHost() == null || configured.getPort() == null) {
      return null;
    }
    String host = configured.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal as a URL writes it
    }
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, Integer.parseInt(configured.getPort())));
  }

  @Override
  public int upload(SentryEnvelope envelope) throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? request.getUrl().openConnection() : request.getUrl().openConnection(proxy));
    inFlight = connection;
    try {
      SentryOptions.Proxy configured = options.getProxy();
      if (proxy != null && configured.getUser() != null && configured.getPass() != null) {
        connection.setAuthenticator(
            new ProxyCredentials((InetSocketAddress) proxy.address(), configured.getUser(), configured.getPass()));
      }
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
      int status;
      try {
        try (OutputStream body = new GZIPOutputStream(connection.getOutputStream())) {
          options.getSerializer().serialize(envelope, body);
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException("cannot serialise the envelope", e);
        }
        status = connection.getResponseCode();
      } catch (IOException e) {
        Integer refused = tunnelRefusal(e);
        if (refused == null) {
          throw e;
        }
        return refused; // the proxy's answer to CONNECT (https): a 407 is told apart like any other
      }
      rateLimiter.updateRetryAfterLimits(
          connection.getHeaderField("X-Sentry-Rate-Limits"), connection.getHeaderField("Retry-After"), status);
      drain(connection, status);
      return status;
    } finally {
      inFlight = null;
      connection.disconnect();
    }
  }

  /**
   * The status a proxy answered an https tunnel with, which the JDK reports only as the text of an
   * exception; {@code null} when {@code e} is something else.
   */
  static Integer tunnelRefusal(IOException e) {
    Matcher refused = e.getMessage() == null ? null : TUNNEL_REFUSED.matcher(e.getMessage());
    return refused != null && refused.find() ? Integer.valueOf(refused.group(1)) : null;
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
