package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.deliver.Fingerprint;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
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
}
