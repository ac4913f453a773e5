package io.github.panicwatch.watch;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.select.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The watcher's breadcrumbs: the latest lines of the child's stderr, kept as the bytes that were
 * read (a reference into the scanned chunk, which nobody changes until {@link #release}) and decoded
 * only when a snapshot is taken. A busy child writes millions of lines and a panic needs the last
 * hundred, so a line costs a few stores here instead of a string and a ring entry. Written by the
 * stderr scanner, snapshotted by either scanner and at the end.
 */
final class StderrBreadcrumbs {
  private final byte[][] chunks;
  private final int[] starts;
  private final int[] lengths;
  private final long[] epochMillis;
  private int next; // the slot the next line goes to
  private int count; // lines kept, up to the capacity

  /** @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none */
  StderrBreadcrumbs(int capacity) {
    chunks = new byte[capacity][];
    starts = new int[capacity];
    lengths = new int[capacity];
    epochMillis = new long[capacity];
  }

  /** Keeps {@code bytes[start, start + length)}, a line without its newline; the array must not change before {@link #release}. */
  synchronized void add(byte[] bytes, int start, int length, long epochMillis) {
    if (chunks.length == 0) {
      return;
    }
    chunks[next] = bytes;
    starts[next] = start;
    lengths[next] = length;
    this.epochMillis[next] = epochMillis;
    next = next + 1 == chunks.length ? 0 : next + 1;
    count = Math.min(count + 1, chunks.length);
  }

  /** Makes each kept line that lies in {@code bytes} a copy of its own: the array is to be refilled. */
  synchronized void release(byte[] bytes) {
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] == bytes) {
        chunks[i] = Arrays.copyOfRange(bytes, starts[i], starts[i] + lengths[i]);
        starts[i] = 0;
      }
    }
  }

  /** The kept lines, oldest first, decoded as UTF-8, as breadcrumbs of logger {@code stderr}. */
  synchronized List<RecordedLine> snapshot() {
    List<RecordedLine> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int slot = Math.floorMod(next - count + i, chunks.length);
      String message = new String(chunks[slot], starts[slot], lengths[slot], StandardCharsets.UTF_8);
      lines.add(new RecordedLine(epochMillis[slot] * 1_000_000L, Severity.INFO, StreamScanner.BREADCRUMB_CATEGORY,
          null, message, Map.of()));
    }
    return lines;
  }
}
