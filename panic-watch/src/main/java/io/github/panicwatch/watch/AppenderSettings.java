package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.PanicwatchOptions;
import java.util.List;
import java.util.Map;

/**
 * What a configuration file says about the Panicwatch appender, read without starting the logging
 * framework.
 *
 * @param name the appender's {@code name} as written, or {@code null}
 * @param found whether the file declares the appender; a non-empty {@code problems} list with
 *     nothing found means the file is unusable
 * @param options the appender's options as written
 * @param contextProperties Logback properties declared with {@code scope="context"}, consulted for
 *     {@code enableSentry}; empty for Log4j2, which has none
 * @param problems what was ignored or could not be read
 */
record AppenderSettings(
    String name,
    boolean found,
    PanicwatchOptions options,
    Map<String, String> contextProperties,
    List<String> problems) {

  static AppenderSettings unusable(String problem) {
    return new AppenderSettings(null, false, new PanicwatchOptions(), Map.of(), List.of(problem));
  }
}
