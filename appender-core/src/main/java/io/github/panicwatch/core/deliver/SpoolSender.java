package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.SentryEnvelope;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The thread that empties the spool: it sends each file, oldest first, through an {@link
 * EnvelopeUploader}, and decides by Sentry's answer (README "Reliability", issue 12):
 * <ul>
 *   <li>2xx: the file is deleted;
 *   <li>413 or 400 (too large, or a body Sentry cannot read): retrying it as it is can never work, so
 *       it is trimmed once more ({@link SizeBudget#fitAfterRefusal}) and rewritten; refused again,
 *       it is dropped with an ERROR status line, and the next event carries the count
 *       ({@value SentryDelivery#REFUSED_EXTRA}). The other files go on being sent meanwhile;
 *   <li>401 or 403 (a bad key, a disabled project), or 407 (the proxy refused its credentials, issue
 *       15): the files stay, an ERROR line says so, and the next pass waits {@link
 *       #UNAUTHORIZED_RETRY_MILLIS} unless a panic or a flush comes first;
 *   <li>429: the rate limit Sentry asked for is kept; nothing is sent until it has passed;
 *   <li>5xx and any other answer, a refused connection, a timeout: the file stays; retried after
 *       0.5 s, 1 s, 2 s, … up to 60 s, and at once when another panic comes or at a flush.
 * </ul>
 * Created by the first panic, or at start when a previous process left files behind. A panic the
 * disk cannot take waits in the spool's memory ({@link Spool}); one the spool could not take at all
 * (it would not even serialise) waits here instead ({@link #sendUnspooled}), bounded.
 */
final class SpoolSender implements AutoCloseable {
  static final long FIRST_RETRY_MILLIS = 500;
  static final long LAST_RETRY_MILLIS = 60_000;
  static final long UNAUTHORIZED_RETRY_MILLIS = 15 * 60_000;
  /** Envelopes kept in memory at most when the spool cannot be written. */
  static final int UNSPOOLED_CAPACITY = 100;

  /** What one attempt did to its envelope. */
  private enum Outcome {
    /** Taken by Sentry, or dropped for good: gone. */
    GONE,
    /** Still there (in the spool, or trimmed and rewritten); the others may go on. */
    KEPT,
    /** Sentry could not be reached, or refused the key: the next one would fare the same. */
    STOP
  }

  /** One envelope waiting: a spool file, or one kept in memory. */
  private interface Pending {
    SentryEnvelope envelope() throws IOException;

    void remove();

    /** Puts {@code smaller} where this one was. */
    void replace(SentryEnvelope smaller) throws IOException;
  }

  private final String name;
  private final Spool spool;
  private final EnvelopeUploader uploader;
  private final SizeBudget budget;
  private final LostPanics refused;
  private final LostPanics dropped;
  private final StatusSink status;
  private final Object lock = new Object();
  // guarded by lock
  private Thread thread;
  private long requested;
  private long completed;
  private long retryAtNanos;
  private long backoffMillis;
  private boolean closed;
  private boolean unauthorized;
  private final Deque<SentryEnvelope> unspooled = new ArrayDeque<>();

  /**
   * @param refused counts envelopes Sentry refused even trimmed
   * @param dropped counts envelopes lost because neither the disk nor memory could keep them
   */
  SpoolSender(
      String name,
      Spool spool,
      EnvelopeUploader uploader,
      SizeBudget budget,
      LostPanics refused,
      LostPanics dropped,
      StatusSink status) {
    this.name = name;
    this.spool = spool;
    this.uploader = uploader;
    this.budget = budget;
    this.refused = refused;
    this.dropped = dropped;
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
   * Keeps an envelope the spool could not take in memory and sends it with the next pass; past
   * {@value #UNSPOOLED_CAPACITY} waiting, the oldest is dropped and counted.
   */
  void sendUnspooled(SentryEnvelope envelope) {
    synchronized (lock) {
      if (unspooled.size() >= UNSPOOLED_CAPACITY) {
        unspooled.removeFirst();
        dropped.drop("the spool cannot be written and " + UNSPOOLED_CAPACITY + " panics already wait in memory");
      }
      unspooled.addLast(envelope);
    }
    wake();
  }

  /**
   * Waits up to {@code timeoutMillis} for a pass that starts after this call to end: everything
   * spooled before it has then been sent, or the attempt failed and the files wait on disk.
   *
   * @return false on timeout
   */
  boolean flush(long timeoutMillis) {
    synchronized (lock) {
      if (thread == null || closed) {
        return true;
      }
      requested++;
      long target = requested;
      lock.notifyAll();
      // a stop on an interrupted thread still waits its bound (issue 12)
      return InterruptMask.await(
          timeoutMillis,
          nanos -> {
            long deadline = System.nanoTime() + nanos;
            while (completed < target && !closed) {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                return false;
              }
              TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
          });
    }
  }

  /** Stops the thread, ending an attempt in flight; unsent files stay for the next engine or process. */
  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      closed = true;
      running = thread;
      lock.notifyAll();
    }
    uploader.close();
    if (running != null) {
      running.interrupt();
    }
    spool.release();
  }

  private void run() {
    try {
      long token;
      while ((token = awaitWork()) >= 0) {
        Outcome outcome = pass();
        synchronized (lock) {
          completed = token;
          if (outcome == Outcome.GONE) {
            backoffMillis = 0;
            retryAtNanos = Long.MAX_VALUE;
          } else {
            backoffMillis =
                unauthorized
                    ? UNAUTHORIZED_RETRY_MILLIS
                    : Math.min(LAST_RETRY_MILLIS, Math.max(FIRST_RETRY_MILLIS, backoffMillis * 2));
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
          }
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (RuntimeException | Error e) {
      status.error("the spool sender stopped; spooled panics wait for the next start", e);
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

  /** One pass: what waits in memory, then this owner's files; GONE when nothing is left to send. */
  private Outcome pass() {
    boolean allGone = true;
    for (SentryEnvelope envelope : unspooledSnapshot()) {
      Outcome outcome = attempt(inMemory(envelope));
      if (outcome == Outcome.STOP) {
        return Outcome.STOP;
      }
      allGone &= outcome == Outcome.GONE;
    }
    for (Spool.Entry file : spool.pending()) {
      Outcome outcome = attempt(inSpool(file));
      if (outcome == Outcome.STOP) {
        return Outcome.STOP;
      }
      allGone &= outcome == Outcome.GONE;
    }
    return allGone ? Outcome.GONE : Outcome.KEPT;
  }

  private Outcome attempt(Pending pending) {
    synchronized (lock) {
      if (closed) {
        return Outcome.STOP;
      }
    }
    if (uploader.rateLimited()) {
      return Outcome.STOP; // honour the server's Retry-After; the backoff polls until it has passed
    }
    SentryEnvelope envelope;
    try {
      envelope = pending.envelope();
    } catch (IOException | RuntimeException e) {
      status.error("an unreadable spooled panic was deleted", e);
      pending.remove();
      return Outcome.GONE;
    }
    if (envelope == null) {
      return Outcome.GONE; // sent or dropped meanwhile
    }
    int code;
    try {
      code = uploader.upload(envelope);
    } catch (IOException | RuntimeException e) {
      return Outcome.STOP;
    }
    if (code >= 200 && code < 300) {
      pending.remove();
      authorized();
      return Outcome.GONE;
    }
    if (code == 413 || code == 400) {
      return refused(pending, envelope, code);
    }
    if (code == 401 || code == 403 || code == 407) {
      unauthorized(code);
      return Outcome.STOP;
    }
    return Outcome.KEPT; // 429 (the rate limiter has it now), 5xx, anything else: retried as today
  }

  /** Sentry will never take this envelope as it is: trim it harder once, else drop it. */
  private Outcome refused(Pending pending, SentryEnvelope envelope, int code) {
    SentryEnvelope smaller;
    try {
      smaller = budget.fitAfterRefusal(envelope, code);
    } catch (Exception e) {
      smaller = null;
    }
    if (smaller == null) {
      refused.drop(
          "Sentry refused it with HTTP " + code + (code == 413 ? " (too large)" : " (malformed)")
              + " even after trimming; event " + envelope.getHeader().getEventId());
      pending.remove(); // counted first: whoever sees the file gone also sees the count
      return Outcome.GONE;
    }
    try {
      pending.replace(smaller);
    } catch (IOException | RuntimeException e) {
      pending.remove();
      refused.drop("Sentry refused it with HTTP " + code + " and the trimmed copy could not be kept: " + e);
      return Outcome.GONE;
    }
    return Outcome.KEPT; // the trimmed copy goes with the next pass
  }

  private void unauthorized(int code) {
    boolean first;
    synchronized (lock) {
      first = !unauthorized;
      unauthorized = true;
    }
    if (first) {
      String retried =
          ": panics stay in the spool [" + spool.dir() + "] and are sent again every "
              + UNAUTHORIZED_RETRY_MILLIS / 60_000 + " minutes and at each new panic; ";
      status.error(
          code == 407
              ? "the proxy refused the credentials with HTTP 407" + retried + "check proxy.user and proxy.pass"
                  + " (for an https DSN the JDK sends Basic credentials through a tunnel only with"
                  + " -Djdk.http.auth.tunneling.disabledSchemes=)"
              : "Sentry refused the DSN's key with HTTP " + code + " (" + (code == 401
                  ? "unknown or revoked key" : "project disabled, or the key may not send events")
                  + ")" + retried + "check the dsn",
          null);
    }
  }

  private void authorized() {
    synchronized (lock) {
      unauthorized = false;
    }
  }

  private Deque<SentryEnvelope> unspooledSnapshot() {
    synchronized (lock) {
      return new ArrayDeque<>(unspooled);
    }
  }

  private Pending inMemory(SentryEnvelope kept) {
    return new Pending() {
      @Override
      public SentryEnvelope envelope() {
        return kept;
      }

      @Override
      public void remove() {
        synchronized (lock) {
          unspooled.remove(kept);
        }
      }

      @Override
      public void replace(SentryEnvelope smaller) {
        synchronized (lock) {
          unspooled.remove(kept);
          unspooled.addLast(smaller);
        }
      }
    };
  }

  private Pending inSpool(Spool.Entry file) {
    return new Pending() {
      @Override
      public SentryEnvelope envelope() throws IOException {
        return spool.read(file);
      }

      @Override
      public void remove() {
        spool.remove(file);
      }

      @Override
      public void replace(SentryEnvelope smaller) throws IOException {
        spool.remove(file); // first: at the bound, writing would otherwise drop another panic for room
        spool.write(smaller);
      }
    };
  }
}
