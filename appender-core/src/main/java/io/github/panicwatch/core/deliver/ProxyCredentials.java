package io.github.panicwatch.core.deliver;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;

/**
 * The configured proxy's user and password, for one connection ({@link
 * java.net.HttpURLConnection#setAuthenticator}): the JDK asks when the proxy answers 407. They are
 * given only to that proxy, at its host and port, and only once: a server that asks for a login
 * (Sentry, or whatever the DSN points at, answering 401) never receives them, and a proxy that
 * refuses them gets no second try, so its 407 reaches the sender, which says so (issue 15).
 */
final class ProxyCredentials extends Authenticator {
  private final InetSocketAddress proxy;
  private final String user;
  private final String pass;
  private boolean given;

  ProxyCredentials(InetSocketAddress proxy, String user, String pass) {
    this.proxy = proxy;
    this.user = user;
    this.pass = pass;
  }

  @Override
  protected synchronized PasswordAuthentication getPasswordAuthentication() {
    if (given
        || getRequestorType() != RequestorType.PROXY
        || !proxy.getHostString().equalsIgnoreCase(getRequestingHost())
        || proxy.getPort() != getRequestingPort()) {
      return null;
    }
    given = true;
    return new PasswordAuthentication(user, pass.toCharArray());
  }
}
