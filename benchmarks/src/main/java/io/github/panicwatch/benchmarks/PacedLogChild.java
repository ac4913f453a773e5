package io.github.panicwatch.benchmarks;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A child of suite 7: logs to stderr at a steady pace, as a running service does (the lines of
 * {@link LogWritingChild}, in 10 ms slices), for a number of seconds; then exits 0, or with {@code
 * crash} dies of an uncaught exception, which the watcher reports.
 * {@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.PacedLogChild seconds bytesPerSecond [crash]}.
 */
public final class PacedLogChild {
  private PacedLogChild() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    long seconds = Long.parseLong(args[0]);
    long bytesPerSlice = Long.parseLong(args[1]) / 100;
    OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 8192);
    StringBuilder line = new StringBuilder(160);
    long start = System.nanoTime();
    long n = 0;
    for (long slice = 0; slice < seconds * 100; slice++) {
      for (long written = 0; written < bytesPerSlice; n++) {
        line.setLength(0);
        LogWritingChild.format(line, n);
        byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
        err.write(encoded);
        written += encoded.length;
      }
      err.flush();
      long next = start + TimeUnit.MILLISECONDS.toNanos(10 * (slice + 1));
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
    }
    if (args.length > 2 && args[2].equals("crash")) {
      throw new IllegalStateException("order book corrupt after " + n + " lines");
    }
  }
}
