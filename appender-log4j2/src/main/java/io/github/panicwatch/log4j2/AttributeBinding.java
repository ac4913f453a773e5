package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.ConfigProblem;
import io.github.panicwatch.core.config.OptionBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets a core bean from a Log4j2 element's attributes through the core's {@link OptionBinder}, so
 * both adapters and the watcher parse every value alike (a boolean is {@code true} or {@code false},
 * never Log4j2's "anything else is false"). An attribute left out (null) leaves the core's default.
 */
final class AttributeBinding<T> {
  private final OptionBinder<T> binder;
  private final T target;
  private final List<ConfigProblem> problems = new ArrayList<>();

  AttributeBinding(OptionBinder<T> binder, T target) {
    this.binder = binder;
    this.target = target;
  }

  /** Binds attribute {@code name} when it was written; a repeatable one is comma-separated. */
  AttributeBinding<T> set(String name, String value) {
    if (value != null) {
      problems.addAll(binder.bindAttribute(target, name, value));
    }
    return this;
  }

  /**
   * The bean, after relaying each value that did not parse as a status error; the option keeps its
   * default, as Logback does for a value its setter cannot take.
   */
  T bind(String messagePrefix) {
    for (ConfigProblem problem : problems) {
      Log4j2StatusSink.INSTANCE.error(messagePrefix + problem.message(), null);
    }
    return target;
  }
}
