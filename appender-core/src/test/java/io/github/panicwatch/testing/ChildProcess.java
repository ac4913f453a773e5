package io.github.panicwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started, whose stdout and stderr are read on threads of their own: no test
 * thread ever blocks on a child's pipe, every wait has a deadline, and a child that hangs (or whose
 * output stays open after it exited) fails the test with a message saying what it printed so far,
 * and is killed with its descendants (issue 20: {@code @Timeout} cannot interrupt a pipe read).
 *
 * <p>A stream the {@link ProcessBuilder} sent to a file is read from that file instead when the
 * message or {@link Exit} needs it; one sent elsewhere (inherited, discarded) reads as empty. Use
 * one per child, in try-with-resources: {@link #close()} ends whatever is still running.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final String command;
  private final Output stdout;
  private final Output stderr;

  private ChildProcess(Process process, String command, Output stdout, Output stderr) {
    this.process = process;
    this.command = command;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code builder}'s command and the readers of its output. */
  public static ChildProcess start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    String name = "child-" + process.pid();
    Output stdout = new Output(process.getInputStream(), builder.redirectOutput().file(), name + "-stdout");
    Output stderr =
        builder.redirectErrorStream()
            ? new Output(InputStream.nullInputStream(), null, name + "-stderr")
            : new Output(process.getErrorStream(), builder.redirectError().file(), name + "-stderr");
    return new ChildProcess(process, String.join(" ", builder.command()), stdout, stderr);
  }

  /** What a child left behind: its exit code and its whole output. */
  public record Exit(int code, byte[] stdout, byte[] stderr) {
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
      return new String(stderr, StandardCharsets.UTF_8);
    }
  }

  public Process process() {
    return process;
  }

  /** The child's stdin; close it to send end-of-file. */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** What the child wrote to stdout so far (with {@code redirectErrorStream}, both streams). */
  public String stdoutSoFar() {
    return new String(stdout.bytes(), StandardCharsets.UTF_8);
  }

  /** What the child wrote to stderr so far. */
  public String stderrSoFar() {
    return new String(stderr.bytes(), StandardCharsets.UTF_8);
  }

  /**
   * Waits until stdout contains {@code text}.
   *
   * @throws AssertionError when it does not within {@code timeout}, or stdout ends without it; the
   *     child is then killed
   */
  public void awaitStdout(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean seen;
    try {
      seen = stdout.awaitContains(text, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for [" + text + "] on its stdout", e);
    }
    if (!seen) {
      throw fail((stdout.ended() ? "stdout ended" : "nothing") + " without [" + text + "] within " + timeout, null);
    }
  }

  /**
   * Waits until the child has exited and both its streams have ended.
   *
   * @throws AssertionError when that does not happen within {@code timeout}; the child and its
   *     descendants are then killed
   */
  public Exit awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
        throw fail("still running after " + timeout, null);
      }
      if (!stdout.awaitEnd(deadline) || !stderr.awaitEnd(deadline)) {
        // a process it started holds the pipe open
        throw fail("exited with " + process.exitValue() + " but its output was still open after " + timeout, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for it to exit", e);
    }
    return new Exit(process.exitValue(), stdout.bytes(), stderr.bytes());
  }

  /** Kills the child and its descendants if they still run (SIGKILL: a test is over, nothing to save). */
  @Override
  public void close() {
    kill();
  }

  private AssertionError fail(String problem, Throwable cause) {
    kill();
    return new AssertionError("child [" + command + "] " + problem + "; killed. Its stdout so far:\n"
        + stdoutSoFar() + "\nIts stderr so far:\n" + stderrSoFar(), cause);
  }

  private void kill() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static long remainingNanos(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** One stream: a daemon thread copies the pipe into memory; waiters are woken at every read. */
  private static final class Output {
    private final File file;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream(); // guarded by this
    private boolean ended; // guarded by this

    Output(InputStream pipe, File file, String threadName) {
      this.file = file;
      Thread reader = new Thread(() -> copy(pipe), threadName);
      reader.setDaemon(true); // a pipe held open by an orphan must not keep the test JVM alive
      reader.start();
    }

    private void copy(InputStream pipe) {
      byte[] buffer = new byte[8192];
      try (pipe) {
        for (int n; (n = pipe.read(buffer)) >= 0; ) {
          synchronized (this) {
            read.write(buffer, 0, n);
            notifyAll();
          }
        }
      } catch (IOException e) {
        synchronized (this) {
          read.writeBytes(("\n[reading failed: " + e + "]\n").getBytes(StandardCharsets.UTF_8));
        }
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    synchronized boolean ended() {
      return ended;
    }

    synchronized boolean awaitEnd(long deadline) throws InterruptedException {
      while (!ended) {
        long remaining = remainingNanos(deadline);
        if (remaining == 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      }
      return true;
    }

    /** For a stream redirected to a file, polls the file (nothing wakes us when it grows). */
    boolean awaitContains(String text, long deadline) throws InterruptedException {
      while (true) {
        boolean endedBefore = ended();
        if (new String(bytes(), StandardCharsets.UTF_8).contains(text)) {
          return true;
        }
        long remaining = remainingNanos(deadline);
        if ((endedBefore && file == null) || remaining == 0) {
          return false;
        }
        synchronized (this) {
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
        }
      }
    }

    byte[] bytes() {
      if (file != null) {
        try {
          return Files.readAllBytes(file.toPath());
        } catch (IOException e) {
          return ("[cannot read " + file + ": " + e + "]").getBytes(StandardCharsets.UTF_8);
        }
      }
      synchronized (this) {
        return read.toByteArray();
      }
    }
  }
}
