package io.github.panicwatch.examples;

import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryException;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Prints one line per event a demo run added to the outbox; shared by the Logback and Log4j2 demos. */
public final class OutboxSummary {
  private OutboxSummary() {}

  /** Lines already in the outbox before this run, so the summary shows only the new ones. */
  public static int lineCount(File outbox) throws IOException {
    return outbox == null || !outbox.exists() ? 0 : Files.readAllLines(outbox.toPath()).size();
  }

  /** Prints the events after the first {@code skip} lines, or says why there is no outbox. */
  public static void print(File outbox, int skip) throws IOException {
    System.out.println();
    if (outbox == null || !outbox.exists()) {
      System.out.println("Panicwatch wrote no outbox (a DSN is set, or enableSentry=false).");
      return;
    }
    List<String> lines = Files.readAllLines(outbox.toPath(), StandardCharsets.UTF_8);
    System.out.println("Panicwatch outbox: " + outbox + " (" + (lines.size() - skip) + " new events)");
    JsonSerializer serializer = new JsonSerializer(new SentryOptions());
    for (String line : lines.subList(skip, lines.size())) {
      SentryEvent event = serializer.deserialize(new StringReader(line), SentryEvent.class);
      List<SentryException> exceptions = event.getExceptions();
      String exception =
          exceptions == null || exceptions.isEmpty()
              ? "-"
              : exceptions.get(exceptions.size() - 1).getType() + ": " + exceptions.get(exceptions.size() - 1).getValue();
      System.out.printf(
          "  %s %s [%s] %s | exception %s | %d breadcrumbs | release %s, environment %s%n",
          event.getLevel(),
          event.getEventId(),
          event.getExtra("thread_name"),
          event.getMessage() == null ? "" : event.getMessage().getFormatted(),
          exception,
          event.getBreadcrumbs() == null ? 0 : event.getBreadcrumbs().size(),
          event.getRelease(),
          event.getEnvironment());
    }
  }
}
