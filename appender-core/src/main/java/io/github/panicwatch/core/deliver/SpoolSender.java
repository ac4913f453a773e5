package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.StatusSink;
import io.sentry.DataCategory;
import io.sentry.SentryEnvelope;
import io.sentry.hints.Retryable;
import io.sentry.hints.SubmissionResult;
import io.sentry.transport.ITransport;
import io.sentry.util.HintUtils;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread that empties the spool: it sends each file, oldest first, through the SDK's HTTP
 * transport (which applies rate limits, timeouts and gzip) and deletes it only after a 2xx. Any
 * other outcome keeps the file: a refused or timed-out connection, a 5xx, and also a 429 or 4xx,
 * which the SDK's own cache would delete. After a failure it retries with exponential backoff; a new
 * panic or a flush tries at once, unless a rate limit is active. Created by the first panic, or at
 * start when a previous process left files behind.
 */
final class SpoolSender implements AutoCloseable {
  static final long FIRST_RETRY_MILLIS = 500;
  static final long LAST_RETRY_MILLIS = 60_000;

  private enum Outcome { SENT, REFUSED, UNREACHABLE }

  private final String name;
  private final Spool spool;
  private final ITransport http;
  private final long attemptTimeoutMillis;
  private final StatusSink status;
  private final Object lock = new Object();
  // guarded by lock
  private Thread thread;
  private long requested;
  private long completed;
  private long retryAtNanos;
  private long backoffMillis;
  private boolean closed;

  /**
   * @param http the SDK's asynchronous HTTP transport, used one envelope at a time
   * @param attemptTimeoutMillis longest wait for one attempt's outcome (connect plus read timeout)
   */
  SpoolSender(String name, Spool spool, ITransport http, long attemptTimeoutMillis, StatusSink status) {
    this.name = name;
    this.spool = spool;
    this.http = http;
    this.attemptTimeoutMillis = attemptTimeoutMillis;
    this.status = status;
  }

  /** Asks for a pass over the spool soon; starts the thread if it is not running. */
  void wake() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      requested++;
      if (thread == null) {
        thread = new Thread(this::run, "panicwatch-sender-" + name);
        thread.setDaemon(true); // the shutdown hook flushes within its bound; the rest stays on disk
        thread.start();
      }
      lock.notifyAll();
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for a pass that starts after this call to end: everything
   * spooled before it has then been sent, or the attempt failed and the files wait on disk.
   *
   * @return false on timeout
   */
  boolean flush(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (lock) {
      if (thread == null || closed) {
        return true;
      }
      requested++;
      long target = requested;
      lock.notifyAll();
      try {
        while (completed < target && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return true;
    }
  }

  /** Stops the thread without waiting for it; unsent files stay for the next engine or process. */
  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      closed = true;
      running = thread;
      lock.notifyAll();
    }
    if (running != null) {
      running.interrupt();
    }
    try {
      http.close(true); // true: do not wait for an attempt in flight, it ends at its read timeout
    } catch (IOException | RuntimeException e) {
      status.warn("Panicwatch [" + name + "]: closing the HTTP transport failed", e);
    }
    spool.release();
  }

  private void run() {
    try {
      long token;
      while ((token = awaitWork()) >= 0) {
        boolean delivered = pass();
        synchronized (lock) {
          completed = token;
          backoffMillis = delivered ? 0 : Math.min(LAST_RETRY_MILLIS, Math.max(FIRST_RETRY_MILLIS, backoffMillis * 2));
          retryAtNanos = delivered ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (RuntimeException | Error e) {
      status.error("Panicwatch [" + name + "]: the spool sender stopped; spooled panics wait for the next start", e);
    }
  }

  /** The request number the next pass serves, or -1 once closed. */
  private long awaitWork() throws InterruptedException {
    synchronized (lock) {
      while (!closed && requested == completed) {
        long untilRetry = retryAtNanos == 0 ? Long.MAX_VALUE : retryAtNanos - System.nanoTime();
        if (untilRetry <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(untilRetry, TimeUnit.DAYS.toNanos(1)));
      }
      return closed ? -1 : requested;
    }
  }

  /** One pass over this owner's files; true when nothing is left to send. */
  private boolean pass() throws InterruptedException {
    boolean allSent = true;
    for (Spool.Entry file : spool.pending()) {
      if (http.getRateLimiter() != null && http.getRateLimiter().isActiveForCategory(DataCategory.Error)) {
        return false; // honour the server's Retry-After; the backoff polls until it has passed
      }
      SentryEnvelope envelope;
      try {
        envelope = spool.read(file);
      } catch (IOException | RuntimeException e) {
        status.error("Panicwatch [" + name + "]: unreadable spool file [" + file + "] was deleted", e);
        spool.remove(file);
        continue;
      }
      if (envelope == null) {
        continue;
      }
      Outcome outcome = attempt(envelope);
      if (outcome == Outcome.SENT) {
        spool.remove(file);
      } else if (outcome == Outcome.UNREACHABLE) {
        return false; // the next file would only wait for the same timeout
      } else {
        allSent = false; // a 4xx or 5xx for this one; the others may still go
      }
    }
    return allSent;
  }

  private Outcome attempt(SentryEnvelope envelope) throws InterruptedException {
    Submission submission = new Submission();
    try {
      http.send(envelope, HintUtils.createWithTypeCheckHint(submission));
    } catch (IOException | RuntimeException e) {
      return Outcome.UNREACHABLE;
    }
    if (!submission.done.await(attemptTimeoutMillis, TimeUnit.MILLISECONDS)) {
      return Outcome.UNREACHABLE;
    }
    if (submission.success) {
      return Outcome.SENT;
    }
    return submission.retry ? Outcome.UNREACHABLE : Outcome.REFUSED;
  }

  /**
   * The SDK's hint callbacks for one envelope: it reports success or failure here, and marks an
   * I/O failure (refused, timed out) as retryable.
   */
  private static final class Submission implements SubmissionResult, Retryable {
    final CountDownLatch done = new CountDownLatch(1);
    volatile boolean success;
    volatile boolean retry;

    @Override
    public void setResult(boolean success) {
      this.success = success;
      done.countDown();
    }

    @Override
    public boolean isSuccess() {
      return success;
    }

    @Override
    public boolean isRetry() {
      return retry;
    }

    @Override
    public void setRetry(boolean retry) {
      this.retry = retry;
    }
  }
}
