package io.github.panicwatch.log4j2;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.logging.log4j.core.config.plugins.PluginVisitorStrategy;

/**
 * Marks the one field of a plugin builder that receives the whole configuration node bound through
 * the core's option table ({@link NodeOptionsVisitor}): every attribute the table declares and
 * every nested element it knows. So no builder has a field or setter per option, and an option
 * declared in the core reaches {@code log4j2.xml} without a change here (issue 14).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@PluginVisitorStrategy(NodeOptionsVisitor.class)
@interface NodeOptions {

  /**
   * False for the {@code <Panicwatch>} appender itself; true for a nested element ({@code <Tag>},
   * {@code <Scrub>}, {@code <KeyRule>}, {@code <ValueRule>}), whose table its node's name selects.
   */
  boolean element() default false;
}
