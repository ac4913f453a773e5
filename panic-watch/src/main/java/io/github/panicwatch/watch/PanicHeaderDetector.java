package io.github.panicwatch.watch;

import io.sentry.protocol.SentryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a non-JVM child's panic by a header line, as Go's panicwrap does (defaults
 * {@code ^panic: } and {@code ^fatal error: }): the header and everything after it, up to
 * {@link #MAX_LINES} lines, is the panic output. The exception is the header's words (e.g.
 * {@code panic}) with the rest of the header line as its value.
 */
final class PanicHeaderDetector implements Detector {
  static final String OUTPUT_EXTRA = "panic_output";
  static final int MAX_LINES = 200;

  private final List<Pattern> headers;

  PanicHeaderDetector(List<Pattern> headers) {
    this.headers = List.copyOf(headers);
  }

  @Override
  public Block open(String line) {
    for (Pattern header : headers) {
      Matcher matcher = header.matcher(line);
      if (matcher.find()) {
        return new Output(line, matcher.group(), line.substring(matcher.end()));
      }
    }
    return null;
  }

  private static final class Output implements Block {
    private final List<String> lines = new ArrayList<>();
    private final String header;
    private final String value;

    Output(String line, String header, String value) {
      lines.add(line);
      this.header = header.replaceAll("[:\\s]+$", "").strip();
      this.value = value.strip();
    }

    @Override
    public boolean add(String line) {
      if (lines.size() >= MAX_LINES) {
        return false;
      }
      lines.add(line); // the goroutine dumps after the header belong to it, blank lines included
      return true;
    }

    @Override
    public Finding finish() {
      SentryException error = new SentryException();
      error.setType(header.isEmpty() ? "panic" : header);
      error.setValue(value);
      return new Finding(
          CrashKind.PANIC_OUTPUT,
          Instant.now(),
          lines.get(0),
          null,
          List.of(error),
          Map.of(OUTPUT_EXTRA, String.join("\n", lines)),
          List.of());
    }
  }
}
