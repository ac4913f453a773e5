package io.github.panicwatch.core.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rows of {@code token-samples.tsv}: a made-up token per provider rule, and a look-alike. */
final class TokenSamples {

  /**
   * @param rule the rule that must catch the token
   * @param token the token as it stands in text
   * @param scrubbed the token alone after scrubbing (a URL keeps its host)
   * @param lookAlike a near miss no rule may touch
   */
  record Sample(String rule, String token, String scrubbed, String lookAlike) {
    @Override
    public String toString() {
      return rule + " " + token.substring(0, Math.min(token.length(), 24)) + "…";
    }
  }

  private static final List<Sample> ALL = load();

  private TokenSamples() {}

  static List<Sample> all() {
    return ALL;
  }

  private static List<Sample> load() {
    List<Sample> samples = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(TokenSamples.class.getResourceAsStream("token-samples.tsv"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] columns = line.split("\t", -1);
          samples.add(new Sample(columns[0], columns[1], columns[2], columns[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(samples);
  }
}
