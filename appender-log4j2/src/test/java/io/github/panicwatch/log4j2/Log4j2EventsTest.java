package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.deliver.Fingerprint;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.junit.jupiter.api.Test;

class Log4j2EventsTest {
  private static LogEvent fatal(String format, Object argument) {
    return Log4jLogEvent.newBuilder()
        .setLoggerName("app.orders")
        .setLevel(Level.FATAL)
        .setMessage(new ParameterizedMessage(format, argument))
        .build();
  }

  @Test
  void aPanicKeepsTheMessageTemplateBesideTheFinishedMessage() {
    PanicRecord panic = Log4j2Events.INSTANCE.panic(fatal("order {} failed", 17), Severity.FATAL);
    assertThat(panic.message()).isEqualTo("order 17 failed");
    assertThat(panic.template()).isEqualTo("order {} failed");
  }

  @Test
  void panicsThatDifferOnlyInTheirArgumentsShareOneFingerprintAsInLogback() {
    PanicRecord first = Log4j2Events.INSTANCE.panic(fatal("order {} failed", 17), Severity.FATAL);
    PanicRecord second = Log4j2Events.INSTANCE.panic(fatal("order {} failed", 18), Severity.FATAL);
    assertThat(Fingerprint.of(first)).isEqualTo(Fingerprint.of(second));
  }

  @Test
  void aMessageIsFormattedIntoTheGivenTextAfterWhatItHolds() {
    StringBuilder text = new StringBuilder("kept ");
    Log4j2Events.formatInto(new ParameterizedMessage("order {} failed", 17), text);
    assertThat(text.toString()).isEqualTo("kept order 17 failed");
    Log4j2Events.formatInto(null, text);
    assertThat(text.toString()).isEqualTo("kept order 17 failed");
  }

  @Test
  void aMessageThatFailsHalfwayThroughFormattingLeavesItsTemplateOnly() {
    StringBuilder text = new StringBuilder("kept ");
    Log4j2Events.formatInto(new FailingMessage(), text);
    assertThat(text.toString()).isEqualTo("kept order {} of a customer whose toString() throws");
  }

  @Test
  void aPanicWhoseMessageFailsToFormatCarriesTheTemplate() {
    LogEvent event =
        Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.FATAL).setMessage(new FailingMessage()).build();
    assertThat(Log4j2Events.INSTANCE.panic(event, Severity.FATAL).message())
        .isEqualTo("order {} of a customer whose toString() throws");
  }

  /** A message whose argument's toString() throws halfway through formatting. */
  private static final class FailingMessage implements Message, StringBuilderFormattable {
    @Override
    public void formatTo(StringBuilder buffer) {
      buffer.append("order 17 of ");
      throw new IllegalStateException("toString failed");
    }

    @Override
    public String getFormattedMessage() {
      StringBuilder text = new StringBuilder();
      formatTo(text);
      return text.toString();
    }

    @Override
    public String getFormat() {
      return "order {} of a customer whose toString() throws";
    }

    @Override
    public Object[] getParameters() {
      return new Object[0];
    }

    @Override
    public Throwable getThrowable() {
      return null;
    }
  }
}
