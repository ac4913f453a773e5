package io.github.panicwatch.core.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The commit and branch of the running build, from the {@code git.properties} that
 * git-commit-id-maven-plugin (and Gradle's gradle-git-properties) writes and Spring Boot's
 * {@code /actuator/info} reads: {@code git.commit.id} (or {@code git.commit.id.full}) and
 * {@code git.branch}. They become the tags {@code commit} and {@code branch} (issue 15). Read once,
 * at start.
 *
 * <p>Which file: when the application runs from a jar, only that jar's own (at its root, or in
 * {@code BOOT-INF/classes} or {@code WEB-INF/classes} of a Spring Boot jar or war), never one of
 * its libraries', which would tag every event with the commit of somebody else's build; otherwise
 * the first on the class path, the one {@code /actuator/info} shows. A value that is not what its
 * key promises (an unfiltered {@code ${git.commit.id}}, a line break) gives no tag and a problem
 * line, never a guess.
 */
public final class GitProperties {
  /** The file's name, at the root of the class path. */
  public static final String FILE = "git.properties";
  public static final String COMMIT_TAG = "commit";
  public static final String BRANCH_TAG = "branch";

  /** Where the file sits in a jar, a Spring Boot jar and a war: the application's own classes. */
  private static final List<String> JAR_ENTRIES =
      List.of(FILE, "BOOT-INF/classes/" + FILE, "WEB-INF/classes/" + FILE);
  /** A generated file is a few kilobytes; anything far larger is not one. */
  private static final int MAX_BYTES = 1 << 20;
  /** SHA-1 or SHA-256 object names, full or abbreviated. */
  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,64}");
  /** Sentry drops a tag whose value is longer. */
  private static final int MAX_TAG_VALUE = 200;

  private static final GitProperties NONE = new GitProperties(null, null, null, List.of());

  private final String source;
  private final String commit;
  private final String branch;
  private final List<String> problems;

  private GitProperties(String source, String commit, String branch, List<String> problems) {
    this.source = source;
    this.commit = commit;
    this.branch = branch;
    this.problems = problems;
  }

  /**
   * The running application's: from {@code jar} when it runs from one, else the first
   * {@code git.properties} on the class path of {@code classLoader}.
   */
  public static GitProperties ofApplication(ApplicationJar jar, ClassLoader classLoader) {
    if (jar != null) {
      return ofJar(jar);
    }
    URL resource = classLoader == null ? null : classLoader.getResource(FILE);
    if (resource == null) {
      return NONE;
    }
    try (InputStream in = resource.openStream()) {
      return parse(resource.toString(), in);
    } catch (IOException | RuntimeException e) {
      return unreadable(resource.toString(), e);
    }
  }

  /**
   * The given jar's own {@code git.properties}; none when {@code jar} is null or has none. For the
   * watcher, which knows its child's jar but must not read its own class path.
   */
  public static GitProperties ofJar(ApplicationJar jar) {
    if (jar == null) {
      return NONE;
    }
    try (JarFile file = new JarFile(jar.file())) {
      for (String name : JAR_ENTRIES) {
        JarEntry entry = file.getJarEntry(name);
        if (entry != null && !entry.isDirectory()) {
          try (InputStream in = file.getInputStream(entry)) {
            return parse(jar.file() + "!/" + name, in);
          }
        }
      }
      return NONE;
    } catch (IOException | RuntimeException e) {
      return unreadable(jar.file().toString(), e);
    }
  }

  /** Parses one file; {@code source} names it in the problems and in {@link #describe()}. */
  static GitProperties parse(String source, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      return new GitProperties(
          null, null, null,
          List.of(FILE + " at " + source + " is larger than " + MAX_BYTES + " bytes and was not read;"
              + " events carry no commit or branch tag"));
    }
    Properties properties = new Properties();
    // the plugins write UTF-8 (escapes, where they write them, read the same either way)
    properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    List<String> problems = new ArrayList<>();
    String commit = trimmed(properties.getProperty("git.commit.id", properties.getProperty("git.commit.id.full")));
    if (commit != null && !COMMIT_ID.matcher(commit).matches()) {
      problems.add(FILE + " at " + source + ": git.commit.id [" + shortened(commit)
          + "] is not a commit id; events carry no commit tag");
      commit = null;
    }
    String branch = trimmed(properties.getProperty("git.branch"));
    if (branch != null && (branch.equals("HEAD") || branch.equalsIgnoreCase(commit == null ? "" : commit))) {
      branch = null; // a detached HEAD: the plugin writes HEAD or the commit id, neither is a branch
    } else if (branch != null && (branch.length() > MAX_TAG_VALUE || branch.chars().anyMatch(Character::isISOControl))) {
      problems.add(FILE + " at " + source + ": git.branch [" + shortened(branch)
          + "] is longer than " + MAX_TAG_VALUE + " characters or holds a control character; events carry no branch tag");
      branch = null;
    }
    return new GitProperties(source, commit, branch, Collections.unmodifiableList(problems));
  }

  private static GitProperties unreadable(String source, Exception e) {
    return new GitProperties(
        null, null, null,
        List.of(FILE + " at " + source + " could not be read (" + e + "); events carry no commit or branch tag"));
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String shortened(String value) {
    String oneLine = value.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
  }

  /** The full commit id, or {@code null}. */
  public String commit() {
    return commit;
  }

  /** The branch, or {@code null} (none in the file, or a detached HEAD). */
  public String branch() {
    return branch;
  }

  /** The {@code commit} and {@code branch} tags this file gives; empty without a file. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    if (commit != null) {
      tags.put(COMMIT_TAG, commit);
    }
    if (branch != null) {
      tags.put(BRANCH_TAG, branch);
    }
    return tags;
  }

  /** What a user should fix in the file: each a whole status line. */
  public List<String> problems() {
    return problems;
  }

  /** For the start-up status line: {@code commit 3f2a… on branch main from <file>}, or null. */
  public String describe() {
    if (commit == null && branch == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    if (commit != null) {
      text.append("commit ").append(commit);
    }
    if (branch != null) {
      text.append(commit == null ? "" : " ").append("on branch ").append(branch);
    }
    return text.append(" from ").append(source).toString();
  }
}
