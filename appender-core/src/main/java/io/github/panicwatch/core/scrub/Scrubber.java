package io.github.panicwatch.core.scrub;

/** PLACEHOLDER until the scrub branch is merged. */
public final class Scrubber {
  public static Scrubber compile(ScrubOptions options) {
    return new Scrubber();
  }

  public String scrub(String s) {
    return s == null ? null : s.replace("hunter2", "[Filtered]");
  }

  public boolean isSensitiveKey(String key) {
    return key.toLowerCase().contains("password");
  }

  public String replacement() {
    return "[Filtered]";
  }
}
