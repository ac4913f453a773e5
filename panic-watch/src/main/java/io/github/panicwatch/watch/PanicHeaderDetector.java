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
 * {@code panic}) with the rest of the header line as its value. As for panicwrap, the output
 * counts only if the child then exits non-zero (a Go panic exits 2).
 */
final class PanicHeaderDetector implements Detector {
  static final String OUTPUT_EXTRA = "panic_output";
  static final int MAX_LINES = 200;

  private final List<Pattern> headers;
  /** Per header, the text a line must start with to match it ("" when the pattern names none). */
  private final String[] prefixes;

  PanicHeaderDetector(List<Pattern> headers) {
    this.headers = List.copyOf(headers);
    this.prefixes = this.headers.stream().map(PanicHeaderDetector::requiredPrefix).toArray(String[]::new);
  }

  @Override
  public List<String> starts() {
    return List.of(prefixes);
  }

  @Override
  public Block open(String line) {
    for (int i = 0; i < prefixes.length; i++) {
      if (!line.startsWith(prefixes[i])) {
        continue; // nearly every line: the regex only runs on the few that can match
      }
      Matcher matcher = headers.get(i).matcher(line);
      if (matcher.find()) {
        return new Output(line, matcher.group(), line.substring(matcher.end()));
      }
    }
    return null;
  }

  /**
   * The literal text after a leading {@code ^} that every match starts the line with, e.g.
   * {@code "panic: "} for {@code ^panic: }; {@code ""} when the pattern has flags, no anchor, or an
   * alternation (one branch might not be anchored). Stops at the first metacharacter, and drops the
   * last literal if a quantifier that allows zero of it follows.
   */
  static String requiredPrefix(Pattern pattern) {
    String regex = pattern.pattern();
    if (pattern.flags() != 0 || !regex.startsWith("^") || regex.indexOf('|') >= 0) {
      return "";
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 1; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
        if ("*?{".indexOf(c) >= 0 && prefix.length() > 0) {
          prefix.setLength(prefix.length() - 1);
          if (prefix.length() > 0 && Character.isHighSurrogate(prefix.charAt(prefix.length() - 1))) {
            prefix.setLength(prefix.length() - 1); // the quantifier applies to the whole code point
          }
        }
        break;
      }
      prefix.append(c);
    }
    return prefix.toString();
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
          ConfirmingExit.NON_ZERO,
          Instant.now(),
          lines.get(0),
          null,
          List.of(error),
          Map.of(OUTPUT_EXTRA, String.join("\n", lines)),
          List.of());
    }
  }
}
