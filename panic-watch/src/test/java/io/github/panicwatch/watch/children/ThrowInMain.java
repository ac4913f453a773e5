package io.github.panicwatch.watch.children;

import java.io.IOException;

/** Writes awkward bytes to both streams, then dies of an uncaught exception with a cause in main. */
public final class ThrowInMain {
  public static void main(String[] args) throws IOException {
    System.out.write(new byte[] {'o', 'u', 't', '\r', '\n', (byte) 0xff, (byte) 0xfe, 0, 'n', 'o', ' ', 'n', 'l'});
    System.out.flush();
    System.err.write("connecting as admin password=hunter2 to 10.1.2.3\r\n".getBytes("UTF-8"));
    System.err.write(new byte[] {'b', 'a', 'd', ' ', (byte) 0xc3, '\n'});
    System.err.println("loading the index");
    System.err.flush();
    new ThrowInMain().load("index.db");
  }

  private void load(String name) {
    try {
      open(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }

  private static void open(String name) {
    throw new IllegalArgumentException("no such file: " + name);
  }
}
