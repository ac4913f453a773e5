package io.github.panicwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward HTTP proxy on 127.0.0.1, as a company's egress proxy is to a service: it takes requests
 * in absolute form ({@code POST http://host:port/path HTTP/1.1}), asks for Basic credentials with a
 * 407 until a request carries the right ones in {@code Proxy-Authorization}, and forwards that
 * request to its target without that header. {@code CONNECT} (an https tunnel) is asked for
 * credentials the same way, and refused with a 502 once it has them: no test needs a tunnel. Every
 * request it saw is recorded. One per test; {@link #close()} stops it.
 */
public final class ForwardProxy implements AutoCloseable {
  /** One request the proxy saw: its request line, the {@code user:pass} it carried, and the status it was refused with (0: forwarded). */
  public record Seen(String method, String target, String credentials, int refusedWith) {}

  private final ServerSocket server;
  private final String user;
  private final String pass;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private ForwardProxy(String user, String pass) throws IOException {
    this.user = user;
    this.pass = pass;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "forward-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy that forwards only requests carrying {@code user} and {@code pass}. */
  public static ForwardProxy requiring(String user, String pass) {
    try {
      return new ForwardProxy(user, pass);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every request so far, in order. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** The requests it forwarded. */
  public List<Seen> forwarded() {
    return seen.stream().filter(request -> request.refusedWith() == 0).toList();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "forward-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String requestLine = readLine(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return;
      }
      String[] parts = requestLine.split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
      byte[] body = in.readNBytes(Integer.parseInt(header(headers, "Content-Length", "0")));
      String credentials = credentials(header(headers, "Proxy-Authorization", null));
      if (!(user + ":" + pass).equals(credentials)) {
        seen.add(new Seen(parts[0], parts[1], credentials, 407));
        answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"panicwatch-test\"\r\n");
        return;
      }
      if (parts[0].equals("CONNECT")) {
        seen.add(new Seen(parts[0], parts[1], credentials, 502));
        answer(out, "502 Bad Gateway", "");
        return;
      }
      seen.add(new Seen(parts[0], parts[1], credentials, 0));
      forward(parts[0], URI.create(parts[1]), headers, body, out);
    } catch (IOException | RuntimeException e) {
      // the client went away; a test sees what was recorded
    }
  }

  /** Sends the request on to its target, in origin form, and copies the answer back whole. */
  private static void forward(String method, URI target, Map<String, String> headers, byte[] body, OutputStream out)
      throws IOException {
    try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
      StringBuilder request = new StringBuilder(method + " " + target.getRawPath()
          + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
      headers.forEach((name, value) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("proxy-authorization") && !lower.equals("proxy-connection") && !lower.equals("connection")) {
          request.append(name).append(": ").append(value).append("\r\n");
        }
      });
      request.append("Connection: close\r\n\r\n");
      OutputStream toTarget = upstream.getOutputStream();
      toTarget.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      toTarget.write(body);
      toTarget.flush();
      upstream.getInputStream().transferTo(out);
      out.flush();
    }
  }

  private static void answer(OutputStream out, String status, String headers) throws IOException {
    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The {@code user:pass} of a Basic {@code Proxy-Authorization}, or {@code null}. */
  private static String credentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
  }

  private static String header(Map<String, String> headers, String name, String otherwise) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return otherwise;
  }

  /** One CRLF-terminated line, or {@code null} at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return "proxy at 127.0.0.1:" + port() + " requiring " + user + ", saw " + new ArrayList<>(seen);
  }
}
