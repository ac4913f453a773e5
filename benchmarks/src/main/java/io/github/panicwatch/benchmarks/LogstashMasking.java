package io.github.panicwatch.benchmarks;

import java.util.List;
import net.logstash.logback.mask.RegexValueMasker;
import net.logstash.logback.mask.ValueMasker;

/**
 * The baseline of the scrubbing suite: logstash-logback-encoder's regex masking, configured with
 * regexes for the same rules as Panicwatch's defaults (sensitive keys, {@code --flag value}, URL
 * passwords, IPv4, IPv6), one {@link RegexValueMasker} per rule, applied to a string in sequence
 * as its {@code MaskingJsonGenerator} does, each masker seeing the previous one's output.
 */
final class LogstashMasking {
  static final String MASK = "[Filtered]";

  private static final String KEYS =
      "password|secret|passwd|api[-_]?key|access[-_]token|auth[-_]token|credentials|mysql[-_]pwd"
          + "|stripetoken|card\\[number\\]|authorization|private[-_]?key";

  private final List<ValueMasker> maskers =
      List.of(
          new RegexValueMasker(
              "(?i)((?:" + KEYS + ")[\\w-]*[\"']?\\s*[:=]\\s*[\"']?(?:(?:basic|bearer|token|digest)\\s+)?)"
                  + "[^\\s,;&\"')\\]}]+",
              "$1" + MASK),
          new RegexValueMasker("(?i)(--[\\w-]*(?:" + KEYS + ")[\\w-]*\\s+)[^\\s-][^\\s]*", "$1" + MASK),
          new RegexValueMasker("(?<=://[^:/@\\s]{1,64}:)[^@/\\s]+(?=@)", MASK),
          new RegexValueMasker("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])", MASK),
          new RegexValueMasker(
              "(?i)(?<![\\w:])(?=[0-9a-f:]{0,40}\\d)(?:[0-9a-f]{1,4}:){1,7}(?::?[0-9a-f]{1,4}){1,7}(?![\\w:])",
              MASK));

  String mask(String value) {
    Object current = value;
    for (ValueMasker masker : maskers) {
      Object masked = masker.mask(null, current);
      if (masked != null) {
        current = masked;
      }
    }
    return (String) current;
  }
}
