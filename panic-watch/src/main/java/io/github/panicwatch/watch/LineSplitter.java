package io.github.panicwatch.watch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the side copy of a stream into lines for the detectors: at {@code \n}, without a trailing
 * {@code \r}, as bytes (the receiver decodes the few it reads as UTF-8). A line within one chunk
 * is handed out in place; a line spread over chunks as a copy of its own, so the receiver may keep
 * either as long as the chunks themselves do not change. A line longer than {@link #MAX_LINE_BYTES}
 * is cut there and the rest up to its newline skipped, so a child that never writes a newline
 * costs bounded memory.
 */
final class LineSplitter {
  static final int MAX_LINE_BYTES = 16_384;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  /** Receives each line: {@code bytes[start, start + length)}. */
  interface Lines {
    void line(byte[] bytes, int start, int length);
  }

  private final Lines lines;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int length;

  LineSplitter(Lines lines) {
    this.lines = lines;
  }

  /** Lines decoded as UTF-8 (malformed bytes become U+FFFD; the pass-through copy keeps them). */
  LineSplitter(Consumer<String> decoded) {
    this((bytes, start, length) -> decoded.accept(new String(bytes, start, length, StandardCharsets.UTF_8)));
  }

  void accept(byte[] bytes, int offset, int count) {
    int end = offset + count;
    int start = offset;
    for (int i = indexOfNewline(bytes, offset, end); i >= 0; i = indexOfNewline(bytes, i + 1, end)) {
      if (length == 0) {
        emit(bytes, start, i - start); // the whole line is in this chunk: hand it out in place
      } else {
        append(bytes, start, i);
        emit(Arrays.copyOf(line, length), 0, length);
        length = 0;
      }
      start = i + 1;
    }
    append(bytes, start, end);
  }

  /**
   * The first {@code \n} in {@code bytes[from, to)}, or -1. Eight bytes at a time (a zero byte in
   * {@code word ^ 0x0a0a…} is a newline; the lowest flagged byte is always a true one), since this
   * loop sees every byte the child writes.
   */
  static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
      long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The stream ended: a last line without newline still counts. */
  void end() {
    if (length > 0) {
      emit(Arrays.copyOf(line, length), 0, length);
      length = 0;
    }
  }

  /** Keeps the start of a line that continues in the next chunk, up to the limit. */
  private void append(byte[] bytes, int from, int to) {
    int kept = Math.min(to - from, line.length - length);
    if (kept > 0) {
      System.arraycopy(bytes, from, line, length, kept);
      length += kept;
    }
  }

  private void emit(byte[] bytes, int from, int count) {
    int end = Math.min(count, MAX_LINE_BYTES);
    if (end > 0 && bytes[from + end - 1] == '\r') {
      end--;
    }
    lines.line(bytes, from, end);
  }
}
