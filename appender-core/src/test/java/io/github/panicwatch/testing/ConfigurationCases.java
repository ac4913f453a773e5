package io.github.panicwatch.testing;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 19's table: every option with a value of the wrong type, out of range, empty, and with an
 * undefined {@code ${VAR}}, and what a user must see for each: the exact status lines, and whether
 * the appender started. Each frontend (Logback's {@code logback.xml}, Log4j2's {@code log4j2.xml},
 * the watcher reading a {@code logback.xml}) writes every case into a real configuration file of
 * its own and must produce the same lines.
 */
public final class ConfigurationCases {
  /** Where a line names the case's outbox; {@link #expected} puts the path in. */
  public static final String OUTBOX_MARK = "@OUTBOX@";
  /** A variable no test environment defines. */
  public static final String UNDEFINED_VARIABLE = "PANICWATCH_TEST_UNDEFINED_VARIABLE";
  /** The line that follows the errors of an appender that does not start. */
  public static final String NOT_STARTED = "Panicwatch [PANIC]: not started: fix the configuration errors above";

  private ConfigurationCases() {}

  /** What became of the appender. */
  public enum Outcome {
    /** Started and reporting. */
    REPORTING,
    /** Started, but switched off: creates nothing. */
    SWITCHED_OFF,
    /** Not started: a configuration error. */
    NOT_STARTED
  }

  /**
   * @param path the option as a dotted path from the appender ({@code maxBreadcrumbs}, {@code
   *     scrub.ipAddresses}); each frontend writes it its own way
   * @param value the text written
   * @param beside other options written with it, by path (a {@code proxy.port} needs its {@code
   *     proxy.host}), in order
   * @param warnings the exact warning lines, in order
   * @param errors the exact error lines, {@code NOT_STARTED}'s included, in order
   */
  public record Case(
      String path, String value, Map<String, String> beside, List<String> warnings, List<String> errors, Outcome outcome) {

    /** A case of one option alone that warns of nothing. */
    public Case(String path, String value, List<String> errors, Outcome outcome) {
      this(path, value, Map.of(), List.of(), errors, outcome);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      beside.forEach((option, written) -> text.append(option).append("=[").append(written).append("] "));
      return text.append(path).append("=[").append(value).append("]").toString();
    }
  }

  /** Every case: checked by {@code everyDeclaredOptionHasACaseOfEachKind} to miss no declared option. */
  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (Option<?> option : PanicwatchOptions.declared()) {
      cases.add(new Case(option.name(), "", List.of(), Outcome.REPORTING)); // empty: as if not written
      if (!option.name().equals("dsn")) {
        cases.add(undefined(option.name()));
      }
    }
    // sentry-logback's <dsn>${SENTRY_DSN}</dsn> on a machine without SENTRY_DSN: no DSN, a warning
    // (Spring Boot stops on an error status), and the outbox (issue 15)
    cases.add(
        new Case(
            "dsn",
            "${" + UNDEFINED_VARIABLE + "}",
            Map.of(),
            List.of("Panicwatch [PANIC]: the dsn names the variable [" + UNDEFINED_VARIABLE + "], which is undefined:"
                + " there is no DSN, so panics go to the outbox [" + OUTBOX_MARK + "], not to Sentry; write ${"
                + UNDEFINED_VARIABLE + ":-} where it is unset on purpose"),
            List.of(),
            Outcome.REPORTING));
    invalid(cases, "dsn", "not a dsn", "Invalid dsn [not a dsn]: Illegal character in path at index 3");
    invalid(
        cases,
        "dsn",
        "https://abcdef0123456789@sentry.example.com:99999/7",
        "Invalid dsn [https://*****@sentry.example.com:99999/7]: port 99999 is out of range (1 to 65535)");
    invalid(cases, "outbox", "/nonexistent-dir/outbox.jsonl",
        "Unwritable outbox [/nonexistent-dir/outbox.jsonl]: its directory does not exist");
    invalid(cases, "maxBreadcrumbs", "ten", "Invalid maxBreadcrumbs [ten]: not an integer");
    invalid(cases, "maxBreadcrumbs", "2147483648", "Invalid maxBreadcrumbs [2147483648]: must be 0 to 10000");
    invalid(cases, "maxBreadcrumbs", "-1", "Invalid maxBreadcrumbs [-1]: must be 0 to 10000");
    invalid(cases, "minimumBreadcrumbLevel", "INFOO",
        "Invalid minimumBreadcrumbLevel [INFOO]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
    invalid(cases, "minimumEventLevel", "FATL",
        "Invalid minimumEventLevel [FATL]: use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
    cases.add(
        new Case(
            "enableSentry",
            "ture",
            List.of("Panicwatch [PANIC]: Invalid enableSentry [ture] from the appender's enableSentry setting: use"
                + " true or false; Panicwatch stays off"),
            Outcome.SWITCHED_OFF));
    invalid(cases, "captureUncaught", "ture", "Invalid captureUncaught [ture]: use true or false");
    invalid(cases, "flushTimeoutMillis", "2s", "Invalid flushTimeoutMillis [2s]: not an integer");
    invalid(cases, "flushTimeoutMillis", "-1", "Invalid flushTimeoutMillis [-1]: must not be negative");
    invalid(cases, "eagerFormatting", "yes", "Invalid eagerFormatting [yes]: use true or false");
    invalid(cases, "maxSpooledEvents", "many", "Invalid maxSpooledEvents [many]: not an integer");
    invalid(cases, "maxSpooledEvents", "0", "Invalid maxSpooledEvents [0]: must be 1 to 100000");
    invalid(cases, "maxEventsPerFingerprint", "5.5", "Invalid maxEventsPerFingerprint [5.5]: not an integer");
    invalid(cases, "maxEventsPerFingerprint", "-1", "Invalid maxEventsPerFingerprint [-1]: must not be negative");
    invalid(cases, "fingerprintWindow", "soon",
        "Invalid fingerprintWindow [soon]: use a positive duration such as \"1 hour\", \"30 minutes\" or \"500 milliseconds\"");
    invalid(cases, "fingerprintWindow", "0 seconds",
        "Invalid fingerprintWindow [0 seconds]: use a positive duration such as \"1 hour\", \"30 minutes\" or \"500 milliseconds\"");
    invalid(cases, "connectionTimeoutMillis", "5s", "Invalid connectionTimeoutMillis [5s]: not an integer");
    invalid(cases, "connectionTimeoutMillis", "0", "Invalid connectionTimeoutMillis [0]: must be positive");
    invalid(cases, "readTimeoutMillis", "2147483648", "Invalid readTimeoutMillis [2147483648]: must be at most 2147483647");
    invalid(cases, "readTimeoutMillis", "0", "Invalid readTimeoutMillis [0]: must be positive");
    // nested elements: the same rules one level down
    invalid(cases, "scrub.ipAddresses", "ture", "Invalid scrub.ipAddresses [ture]: use true or false");
    cases.add(new Case("scrub.replacement", "", List.of(), Outcome.REPORTING));
    cases.add(undefined("scrub.hashKey"));
    // an incomplete element is an error, like a bad value: never "ignored" and then not started
    invalid(cases, "tag.name", "service", "Incomplete <tag> [service]: it has no <value>");
    invalid(cases, "tag.value", "alpha", "Incomplete <tag>: it has no <name>");
    // sentry-logback's options (issue 15): what Sentry would drop silently is an error at start
    invalid(cases, "dist", "build 7", "Invalid dist [build 7]: use at most 64 letters, digits, _, . and - (what Sentry keeps)");
    invalid(cases, "contextTag", "request id",
        "Invalid contextTag [request id]: a Sentry tag name has at most 200 letters, digits, _, ., : and -");
    invalid(cases, "inAppInclude", "com.example.*",
        "Invalid inAppInclude [com.example.*]: use a package or class name prefix such as com.example (no wildcards)");
    invalid(cases, "inAppExclude", "org junit",
        "Invalid inAppExclude [org junit]: use a package or class name prefix such as com.example (no wildcards)");
    invalid(cases, "debug", "yes", "Invalid debug [yes]: use true or false");
    Map<String, String> host = Map.of("proxy.host", "proxy.example.com");
    invalid(cases, host, "proxy.port", "3128x", "Invalid proxy.port [3128x]: not an integer");
    invalid(cases, host, "proxy.port", "65536", "Invalid proxy.port [65536]: must be 1 to 65535");
    invalid(cases, Map.of("proxy.port", "3128"), "proxy.host", "", "Incomplete <proxy>: it has no <host>");
    invalid(cases, Map.of("proxy.port", "3128"), "proxy.host", "http://proxy.example.com:3128",
        "Invalid proxy.host [http://proxy.example.com:3128]: write the host name or address alone, without scheme,"
            + " port or path");
    invalid(cases, Map.of(), "proxy.host", "proxy.example.com", "Incomplete <proxy> [proxy.example.com]: it has no <port>");
    Map<String, String> hostAndPort = new LinkedHashMap<>(host);
    hostAndPort.put("proxy.port", "3128");
    invalid(cases, hostAndPort, "proxy.user", "panicwatch", "Incomplete <proxy> [proxy.example.com]: it has a <user> but no <pass>");
    // the password never shows, not even when it is the problem
    hostAndPort.put("proxy.user", "panicwatch");
    cases.add(
        new Case(
            "proxy.pass",
            "${" + UNDEFINED_VARIABLE + "}",
            hostAndPort,
            List.of(),
            List.of("Panicwatch [PANIC]: Invalid proxy.pass: the variable [" + UNDEFINED_VARIABLE + "] is undefined; write ${"
                + UNDEFINED_VARIABLE + ":-} where it may be unset", NOT_STARTED),
            Outcome.NOT_STARTED));
    return cases;
  }

  /** The declared options every case table must cover with an empty and an undefined case. */
  public static List<String> declaredOptions() {
    return OptionTables.APPENDER.options().stream().map(Option::name).toList();
  }

  private static Case undefined(String path) {
    String message =
        "Invalid " + path + ": the variable [" + UNDEFINED_VARIABLE + "] is undefined; write ${"
            + UNDEFINED_VARIABLE + ":-} where it may be unset";
    if (path.equals("enableSentry")) {
      return new Case(
          path,
          "${" + UNDEFINED_VARIABLE + "}",
          List.of("Panicwatch [PANIC]: " + message + " (in the appender's enableSentry setting); Panicwatch stays off"),
          Outcome.SWITCHED_OFF);
    }
    return new Case(path, "${" + UNDEFINED_VARIABLE + "}", List.of("Panicwatch [PANIC]: " + message, NOT_STARTED), Outcome.NOT_STARTED);
  }

  private static void invalid(List<Case> cases, String path, String value, String message) {
    invalid(cases, Map.of(), path, value, message);
  }

  private static void invalid(List<Case> cases, Map<String, String> beside, String path, String value, String message) {
    cases.add(
        new Case(path, value, beside, List.of(), List.of("Panicwatch [PANIC]: " + message, NOT_STARTED), Outcome.NOT_STARTED));
  }

  /**
   * The case's lines as a frontend prints them for {@code dir}: where a line names the outbox, the
   * case writes {@value #OUTBOX_MARK}.
   */
  public static List<String> expected(List<String> lines, Path dir) {
    return lines.stream().map(line -> line.replace(OUTBOX_MARK, outbox(dir).toString())).toList();
  }

  /**
   * A {@code logback.xml} with the case's options in a {@code PanicAppender} named {@code PANIC}
   * ({@code a.b} written {@code <a><b>value</b></a>}), and a {@code ListAppender} named {@code
   * LIST} beside it on the root logger.
   */
  public static String logbackXml(Case testCase, Path dir) {
    return "<configuration>\n"
        + "  <appender name=\"PANIC\" class=\"io.github.panicwatch.logback.PanicAppender\">\n"
        + baseOptions(testCase, dir).logbackElements("    ")
        + "  </appender>\n"
        + "  <appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
        + "  <root level=\"INFO\"><appender-ref ref=\"PANIC\"/><appender-ref ref=\"LIST\"/></root>\n"
        + "</configuration>\n";
  }

  /**
   * A {@code log4j2.xml} with the case's options on a {@code <Panicwatch name="PANIC">} (attributes;
   * {@code a.b} as attribute {@code b} of a nested {@code <A>}), and a file appender writing {@code
   * app.log} in {@code dir} beside it on the root logger.
   */
  public static String log4j2Xml(Case testCase, Path dir) {
    WrittenOptions options = baseOptions(testCase, dir);
    return "<Configuration>\n"
        + "  <Appenders>\n"
        + "    <Panicwatch name=\"PANIC\"" + options.log4j2Attributes() + ">" + options.log4j2Elements() + "</Panicwatch>\n"
        + "    <File name=\"FILE\" fileName=\"" + dir.resolve("app.log") + "\"><PatternLayout pattern=\"%m%n\"/></File>\n"
        + "  </Appenders>\n"
        + "  <Loggers><Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/><AppenderRef ref=\"FILE\"/></Root></Loggers>\n"
        + "</Configuration>\n";
  }

  /** An outbox in {@code dir} and no uncaught handler, unless the case sets that option itself. */
  private static WrittenOptions baseOptions(Case testCase, Path dir) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("outbox", outbox(dir).toString());
    options.put("captureUncaught", "false");
    options.putAll(testCase.beside());
    options.put(testCase.path(), testCase.value());
    return WrittenOptions.of(options);
  }

  private static Path outbox(Path dir) {
    return dir.resolve("outbox.jsonl");
  }
}
