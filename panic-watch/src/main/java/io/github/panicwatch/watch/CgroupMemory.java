package io.github.panicwatch.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory controller's files of one cgroup, the folder the kernel shows them in: how many of its
 * processes the OOM killer has killed, its memory limit and its peak usage. cgroup v2 keeps them in
 * {@code memory.events} ({@code oom_kill N}), {@code memory.max} and {@code memory.peak}; cgroup v1
 * in {@code memory.oom_control} ({@code oom_kill N}, kernel 4.13 and later), {@code
 * memory.limit_in_bytes} and {@code memory.max_usage_in_bytes}. Only numbers are taken from them:
 * nothing else of a file read here can reach an event, whatever folder {@code --cgroup} names.
 * Nothing here writes, creates or moves into a cgroup.
 */
final class CgroupMemory {
  /** Where the kernel tells a process its cgroups and its mounts. */
  static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");
  static final Path PROC_SELF_MOUNTINFO = Path.of("/proc/self/mountinfo");

  /** A limit at or above this is none: cgroup v1 writes "unlimited" as 2^63 rounded down to a page. */
  private static final long NO_LIMIT = 1L << 60;
  /** Far more than any of these files holds; a bound against a folder that is no cgroup. */
  private static final int MAX_FILE_BYTES = 65_536;

  private final Path dir;
  private final boolean v2;

  private CgroupMemory(Path dir, boolean v2) {
    this.dir = dir;
    this.v2 = v2;
  }

  /** The outcome of looking for the memory files: a cgroup, or why there is none. */
  record Found(CgroupMemory memory, String problem) {}

  /** The memory files in {@code dir}, as {@code --cgroup DIR} names it. */
  static Found at(Path dir) {
    if (Files.isRegularFile(dir.resolve("memory.events"), LinkOption.NOFOLLOW_LINKS)) {
      return new Found(new CgroupMemory(dir, true), null);
    }
    if (Files.isRegularFile(dir.resolve("memory.oom_control"), LinkOption.NOFOLLOW_LINKS)) {
      return new Found(new CgroupMemory(dir, false), null);
    }
    return new Found(null, dir + " has neither memory.events (cgroup v2) nor memory.oom_control (cgroup v1)");
  }

  /**
   * This process's own memory cgroup (its child's too, which starts in it), found as the kernel
   * names it: the cgroup path in {@code cgroup} ({@code 0::/path} for v2, {@code N:memory:/path}
   * for v1) under the mount point {@code mountinfo} gives that hierarchy. v2 first, where its
   * memory controller is enabled; else v1's memory controller.
   */
  static Found locate(Path cgroup, Path mountinfo) {
    List<String> memberships;
    List<String> mounts;
    try {
      memberships = lines(cgroup);
      mounts = lines(mountinfo);
    } catch (IOException e) {
      return new Found(null, "this process's cgroup cannot be read (" + e + ")");
    }
    String problem = "no memory cgroup in " + cgroup;
    for (boolean v2 : new boolean[] {true, false}) {
      String path = membership(memberships, v2);
      Path mount = path == null ? null : mountPoint(mounts, v2, path);
      if (mount != null) {
        Found found = at(mount);
        if (found.memory() != null) {
          return found;
        }
        problem = found.problem();
      }
    }
    return new Found(null, problem);
  }

  Path dir() {
    return dir;
  }

  /** How many processes of this cgroup (and those below it) the OOM killer has killed. */
  long oomKills() throws IOException {
    String file = v2 ? "memory.events" : "memory.oom_control";
    for (String line : lines(dir.resolve(file))) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 2 && fields[0].equals("oom_kill")) {
        return number(fields[1], file);
      }
    }
    throw new IOException(dir.resolve(file) + " has no oom_kill count (cgroup v1 has it from Linux 4.13)");
  }

  /**
   * The memory limit in bytes, {@code null} for none. For v2, the lowest of this cgroup's and its
   * parents' as far as the mount shows them: a systemd slice may hold the limit of its services.
   */
  Long limitBytes() throws IOException {
    if (!v2) {
      long limit = number(firstLine(dir.resolve("memory.limit_in_bytes")), "memory.limit_in_bytes");
      return limit >= NO_LIMIT ? null : limit;
    }
    Long lowest = null;
    for (Path level = dir; level != null && Files.isRegularFile(level.resolve("memory.max"), LinkOption.NOFOLLOW_LINKS);
        level = level.getParent()) {
      String text = firstLine(level.resolve("memory.max"));
      if (!text.equals("max")) {
        long limit = number(text, "memory.max");
        lowest = lowest == null ? limit : Math.min(lowest, limit);
      }
    }
    return lowest;
  }

  /** The highest usage the cgroup has seen, in bytes; {@code null} where the kernel keeps none (v2 before 5.19). */
  Long peakBytes() throws IOException {
    String file = v2 ? "memory.peak" : "memory.max_usage_in_bytes";
    try {
      return number(firstLine(dir.resolve(file)), file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The cgroup path of this process in the v2 hierarchy, or in v1's memory hierarchy. */
  private static String membership(List<String> lines, boolean v2) {
    for (String line : lines) {
      String[] fields = line.split(":", 3);
      if (fields.length != 3) {
        continue;
      }
      boolean match = v2 ? fields[0].equals("0") && fields[1].isEmpty() : List.of(fields[1].split(",")).contains("memory");
      if (match) {
        return fields[2];
      }
    }
    return null;
  }

  /**
   * Where {@code cgroupPath} of that hierarchy shows in this process's mounts: the hierarchy's
   * mount point, plus the part of the path below the mount's root. A path outside the root (a
   * container that sees its own cgroup as its root) is the mount point itself.
   */
  private static Path mountPoint(List<String> mounts, boolean v2, String cgroupPath) {
    for (String line : mounts) {
      // id parent major:minor root mount-point options [optional fields] - type source super-options
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (fields.length < 5 || separator < 0 || separator + 3 >= fields.length) {
        continue;
      }
      String type = fields[separator + 1];
      boolean match = v2 ? type.equals("cgroup2")
          : type.equals("cgroup") && List.of(fields[separator + 3].split(",")).contains("memory");
      if (!match) {
        continue;
      }
      String root = unescape(fields[3]);
      String below = root.equals("/") ? cgroupPath
          : cgroupPath.equals(root) || cgroupPath.startsWith(root + "/") ? cgroupPath.substring(root.length()) : "";
      try {
        return Path.of(unescape(fields[4]), below.replaceFirst("^/+", "")).normalize();
      } catch (InvalidPathException e) {
        return null;
      }
    }
    return null;
  }

  /** A mountinfo field with its octal escapes ({@code \040} for a space) undone. */
  private static String unescape(String field) {
    StringBuilder text = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static String firstLine(Path file) throws IOException {
    List<String> lines = lines(file);
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }

  /** A file of the kernel's, read whole but bounded; no link is followed, no fifo opened. */
  private static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static long number(String text, String file) throws IOException {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IOException(file + " holds no number where one was expected"); // its text never goes further
  }
}
