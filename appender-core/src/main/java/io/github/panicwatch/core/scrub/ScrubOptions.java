package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.config.ConfigProblem;
import java.util.List;

/** PLACEHOLDER until the scrub branch is merged. */
public class ScrubOptions {
  public List<ConfigProblem> validate() {
    return List.of();
  }
}
