package io.github.panicwatch.watch.children;

import io.github.panicwatch.testing.CrashNatively;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints a file's text on stdout, as a service prints what its users sent it (HotSpot prints its
 * fatal-error banner there too), then ends as told: {@code exit N}, or {@code crash} for a real
 * native crash ({@link CrashNatively}).
 */
public final class PrintThenEnd {
  public static void main(String[] args) throws IOException, ReflectiveOperationException {
    System.out.write(Files.readAllBytes(Path.of(args[0])));
    System.out.flush();
    if (args[1].equals("crash")) {
      CrashNatively.main(new String[0]);
    } else {
      System.exit(Integer.parseInt(args[2]));
    }
  }
}
