package io.github.panicwatch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The second user of a shared host, for tests of what one user's files can do to another's: the
 * build runs as root (CI does), and {@value #NAME} exists, so a test runs commands and child JVMs
 * as {@value #NAME} through {@code runuser}, and root hands files to it with {@code chown}. Where
 * that cannot be had (not root, no {@code runuser}, no such user), {@link #available()} is false
 * and the test skips, saying why.
 */
public final class SecondUser {
  public static final String NAME = "nobody";
  private static final String WHY_NOT = whyNotAvailable();

  private SecondUser() {}

  /** True when tests can act as {@value #NAME}. */
  public static boolean available() {
    return WHY_NOT == null;
  }

  /** Why a second user cannot be had here, for the skipped test's message. */
  public static String whyNot() {
    return WHY_NOT;
  }

  /** {@code command}, to be run as {@value #NAME}. */
  public static List<String> command(List<String> command) {
    List<String> asUser = new ArrayList<>(List.of("runuser", "-u", NAME, "--"));
    asUser.addAll(command);
    return asUser;
  }

  /** Runs a shell command as {@value #NAME}; returns its exit code and output. */
  public static Result shell(String script) throws IOException {
    return run(command(List.of("sh", "-c", script)));
  }

  /** What a command did. */
  public record Result(int exitCode, String output) {}

  static Result run(List<String> command) throws IOException {
    try (ChildProcess child = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true))) {
      ChildProcess.Exit exit = child.awaitExit(Duration.ofSeconds(60));
      return new Result(exit.code(), exit.stdoutText());
    }
  }

  /** Gives {@code path} (not what a link points to) to {@value #NAME}. */
  public static void chown(Path path) throws IOException {
    UserPrincipal user = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(NAME);
    Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setOwner(user);
  }

  /**
   * A copy of this JVM's class path that {@value #NAME} can read, under {@code dir}: the build's
   * jars sit in root's home, which no one else may enter. Jars are hard-linked where they can be
   * (same file system), else copied; class folders are copied.
   */
  public static String readableClassPath(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int index = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = dir.resolve(index++ + "-" + source.getFileName());
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Path copy = target.resolve(source.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(copy);
            } else {
              Files.copy(file, copy);
            }
          }
        }
      } else {
        try {
          Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(source, target);
        }
      }
      entries.add(target.toString());
    }
    openToAll(dir);
    return String.join(File.pathSeparator, entries);
  }

  /** Lets everyone read {@code dir} and everything below it, and enter its folders. */
  public static void openToAll(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        // a hard-linked jar is the build's own file: left as it is (readable by all already)
        boolean linked = !Files.isDirectory(file) && (Integer) Files.getAttribute(file, "unix:nlink") > 1;
        if (!Files.isSymbolicLink(file) && !linked) {
          Files.setPosixFilePermissions(
              file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
  }

  private static String whyNotAvailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "a second user needs root (to run as " + NAME + " and to chown); running as "
          + System.getProperty("user.name");
    }
    try {
      Result result = run(List.of("runuser", "-u", NAME, "--", "id", "-un"));
      if (result.exitCode() != 0 || !result.output().trim().equals(NAME)) {
        return "runuser -u " + NAME + " did not work: " + result.output().trim();
      }
    } catch (IOException | AssertionError e) {
      return "runuser cannot be run: " + e.getMessage();
    }
    return null;
  }
}
