package io.github.panicwatch.core.config;

/**
 * The HTTP proxy delivery goes through, {@code <proxy><host>…</host><port>…</port><user>…</user>
 * <pass>…</pass></proxy>} as in sentry-logback (issue 15): a JavaBean so that Logback's Joran binds
 * the element through {@code setProxy(ProxyOptions)} without a {@code class=}. Holds the text as
 * written; the core's option table parses and checks it. {@code pass} is sensitive: no status line
 * and no {@code toString} shows it.
 */
public final class ProxyOptions {
  private String host;
  private String port;
  private String user;
  private String pass;

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getPort() {
    return port;
  }

  public void setPort(String port) {
    this.port = port;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPass() {
    return pass;
  }

  public void setPass(String pass) {
    this.pass = pass;
  }

  /**
   * Why this proxy cannot be used, or {@code null}: it needs a host and a port, and a user and a
   * password together or neither. An incomplete element is an error, never a proxy silently left
   * out (sentry-logback ignores a proxy without a port).
   */
  String incompleteness() {
    if (blank(host)) {
      return "Incomplete <proxy>: it has no <host>";
    }
    String named = "Incomplete <proxy> [" + host.trim() + "]: ";
    if (blank(port)) {
      return named + "it has no <port>";
    }
    if (blank(user) != blank(pass)) {
      return named + (blank(pass) ? "it has a <user> but no <pass>" : "it has a <pass> but no <user>");
    }
    return null;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** Where it points, never the password (Log4j2 prints plugin objects in its debug output). */
  @Override
  public String toString() {
    return "proxy " + host + ":" + port + (user == null ? "" : " as " + user);
  }
}
