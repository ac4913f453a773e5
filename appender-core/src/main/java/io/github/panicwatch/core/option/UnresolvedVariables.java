package io.github.panicwatch.core.option;

/**
 * Finds a variable that the configuration's frontend could not resolve in an option's text: what a
 * {@code ${NAME}} without a default becomes when nothing defines {@code NAME}. Each frontend writes
 * that differently (Logback, for one, has a suffix of its own), so each supplies its own; the core
 * decides what it means: a configuration error, because the option would otherwise run on a value
 * nobody meant (issue 19).
 */
@FunctionalInterface
public interface UnresolvedVariables {

  /** The name of the unresolved variable in {@code text}, or {@code null} when there is none. */
  String find(String text);

  /** For callers whose text has no variables. */
  UnresolvedVariables NONE = text -> null;

  /**
   * {@code ${NAME}} still standing in the text: what Log4j2's substitution leaves for a variable it
   * cannot resolve, and what the watcher's own substitution writes for one.
   */
  UnresolvedVariables PLACEHOLDER =
      text -> {
        int start = text.indexOf("${");
        int end = start < 0 ? -1 : text.indexOf('}', start + 2);
        return end < 0 ? null : text.substring(start + 2, end);
      };
}
