package io.github.panicwatch.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import io.github.panicwatch.core.ParkedEngine;

/**
 * Tells the core when the engine an appender left at a reset will not be taken by a next appender
 * of its name: the context stops (a reset that is part of {@code LoggerContext.stop()}), or a
 * configuration ended (a {@code scan} reload, a {@code JoranConfigurator} run) and its appenders,
 * all started by then, did not take it. A reset that neither follows is left to the core's own bound.
 *
 * <p>Registered at the reset, while Logback stops the appenders, so one per reset at most; it
 * survives the rest of that reset (reset-resistant) and removes itself when a configuration ends.
 * At a stop Logback drops every listener right after telling them.
 */
final class ParkedEngineListener implements LoggerContextListener, ConfigurationEventListener {
  private final LoggerContext context;
  private final ParkedEngine parked;

  private ParkedEngineListener(LoggerContext context, ParkedEngine parked) {
    this.context = context;
    this.parked = parked;
  }

  static void register(LoggerContext context, ParkedEngine parked) {
    ParkedEngineListener listener = new ParkedEngineListener(context, parked);
    context.addListener(listener);
    context.addConfigurationEventListener(listener);
  }

  @Override
  public void listen(ConfigurationEvent event) {
    // only a whole configuration: XML errors make scan fall back to the last good one, which may
    // start the appender again after this event; the core's bound covers that case
    if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY) {
      context.removeConfigurationEventListener(this);
      context.removeListener(this);
      parked.end();
    }
  }

  @Override
  public boolean isResetResistant() {
    return true; // registered during a reset that would otherwise drop it before it could hear the stop
  }

  @Override
  public void onStop(LoggerContext stopped) {
    stopped.removeConfigurationEventListener(this);
    parked.end();
  }

  @Override
  public void onStart(LoggerContext started) {}

  @Override
  public void onReset(LoggerContext reset) {}

  @Override
  public void onLevelChange(Logger logger, Level level) {}
}
