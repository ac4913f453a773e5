package io.github.panicwatch.watch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A pipe the watcher makes itself for one of the child's output streams, on Linux, instead of the
 * one {@link ProcessBuilder.Redirect#PIPE} would make (issue 12). The JDK ends its own pipe too
 * soon: when the child exits, its reaper thread reads what the pipe holds at that moment, closes
 * the pipe and serves those bytes from memory ({@code ProcessImpl}'s {@code processExited}), so what
 * a grandchild still holding the pipe writes later is lost, and the grandchild gets SIGPIPE. This
 * pipe ends when every process holding its write end has closed it, as a shell's pipe does.
 *
 * <p>Java cannot hand a pipe's descriptor to a child, but it can redirect to a path: the child gets
 * the write end as {@code /proc/self/fd/N}, which the JDK opens in the watcher while it starts the
 * child (opening a pipe through {@code /proc} gives a new end of that same pipe, never blocking).
 * Which {@code N} belongs to the pipe is seen in {@code /proc/self/fd}: the one pipe that was not
 * open before. Once the child runs, the watcher closes its own write end.
 */
final class ChildPipe {
  private static final String DESCRIPTORS = "/proc/self/fd";

  private final Pipe pipe;
  private final File writeEnd;

  private ChildPipe(Pipe pipe, File writeEnd) {
    this.pipe = pipe;
    this.writeEnd = writeEnd;
  }

  /**
   * A new pipe, or {@code null} where one cannot be made this way (not Linux, no {@code /proc}, or
   * any doubt about which descriptor is the new pipe's): the stream then goes through the JDK's
   * pipe, as before. Called before the child starts; the first one costs a cold JVM about 9 ms,
   * mostly loading {@code java.nio}'s pipe classes.
   */
  static ChildPipe open() {
    if (!"Linux".equals(System.getProperty("os.name"))) {
      return null;
    }
    Pipe pipe = null;
    try {
      Set<String> before = pipesOpen(null);
      pipe = Pipe.open();
      Set<String> descriptors = new HashSet<>();
      Set<String> pipes = pipesOpen(descriptors);
      pipes.removeAll(before);
      if (pipes.size() != 1 || descriptors.isEmpty()) {
        close(pipe); // another pipe appeared meanwhile: not sure which is ours
        return null;
      }
      String link = pipes.iterator().next();
      for (String descriptor : descriptors) {
        if (link.equals(readLink(descriptor))) {
          return new ChildPipe(pipe, new File(DESCRIPTORS, descriptor));
        }
      }
      close(pipe);
      return null;
    } catch (IOException | RuntimeException e) {
      close(pipe);
      return null;
    }
  }

  /** Where the child's stream goes: the pipe's write end. */
  ProcessBuilder.Redirect redirect() {
    return ProcessBuilder.Redirect.appendTo(writeEnd);
  }

  /**
   * The child has started (or could not be started): the watcher's write end is closed, so the
   * pipe ends when the child's processes have all closed theirs.
   */
  void childStarted() {
    close(pipe.sink());
  }

  /** The read end; closing it closes the pipe. */
  InputStream input() {
    return Channels.newInputStream(pipe.source());
  }

  /** Closes both ends, for a child that never started. */
  void close() {
    close(pipe);
  }

  /**
   * The targets ({@code pipe:[inode]}) of the descriptors now open on pipes, other than the
   * watcher's own standard streams.
   *
   * @param descriptors if not null, receives the numbers of those descriptors
   */
  private static Set<String> pipesOpen(Set<String> descriptors) {
    Set<String> pipes = new HashSet<>();
    String[] names = new File(DESCRIPTORS).list();
    if (names == null) {
      throw new IllegalStateException(DESCRIPTORS + " cannot be listed");
    }
    for (String name : names) {
      if (name.equals("0") || name.equals("1") || name.equals("2")) {
        continue;
      }
      String link = readLink(name);
      if (link != null && link.startsWith("pipe:")) {
        pipes.add(link);
        if (descriptors != null) {
          descriptors.add(name);
        }
      }
    }
    return pipes;
  }

  /** The target of one descriptor's entry, or {@code null} if it is gone (the listing's own, say). */
  private static String readLink(String descriptor) {
    try {
      return Files.readSymbolicLink(Path.of(DESCRIPTORS, descriptor)).toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static void close(Pipe pipe) {
    if (pipe != null) {
      close(pipe.sink());
      close(pipe.source());
    }
  }

  private static void close(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it by the watcher: nothing to lose
    }
  }
}
