package io.github.panicwatch.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MarkerFactory;

/**
 * A service in a panic storm: {@code -Dpw.threads} threads each log {@code -Dpw.panics} distinct
 * panics as fast as they can, then main returns and the appender's shutdown hook flushes. With
 * {@code -Dpw.panics=0} it only starts, so the spool a previous run left is sent.
 */
public final class StormChild {
  private StormChild() {}

  public static void main(String[] args) throws Exception {
    LoggerContext context = new LoggerContext();
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(System.getProperty("pw.dsn"));
    appender.setCacheDirPath(System.getProperty("pw.cacheDir"));
    appender.setCaptureUncaught("false");
    appender.setMaxEventsPerFingerprint("0"); // the crash-loop guard off: every panic counts
    appender.setMaxSpooledEvents("1000");
    appender.setFlushTimeoutMillis(System.getProperty("pw.flushTimeoutMillis", "30000"));
    appender.start();
    if (!appender.isStarted()) {
      context.getStatusManager().getCopyOfStatusList().forEach(System.out::println);
      System.exit(2);
    }
    Logger log = context.getLogger("app.storm");
    log.addAppender(appender);
    int threads = Integer.getInteger("pw.threads", 4);
    int panics = Integer.getInteger("pw.panics", 100);
    List<Thread> storm = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      storm.add(new Thread(() -> {
        for (int p = 0; p < panics; p++) {
          log.error(MarkerFactory.getMarker("FATAL"), "storm {} panic {}", thread, p,
              new IllegalStateException("order " + thread + "-" + p));
        }
      }, "storm-" + t));
    }
    storm.forEach(Thread::start);
    for (Thread thread : storm) {
      thread.join();
    }
    System.out.println("LOGGED");
  }
}
