package io.github.panicwatch.core.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every event says about the build that runs, decided once at start in this one place: the
 * release (configured, else the application jar's {@code Implementation-Version}, else
 * {@code unknown}), the environment (configured, else derived from the release, see
 * {@link Environments}), and the tags: {@code commit} and {@code branch} from the build's
 * {@link GitProperties}, then the configured tags, which win on the same name (issue 15).
 */
public final class BuildIdentity {
  private final String release;
  private final String environment;
  private final Map<String, String> tags;
  private final GitProperties git;

  private BuildIdentity(String release, String environment, Map<String, String> tags, GitProperties git) {
    this.release = release;
    this.environment = environment;
    this.tags = Collections.unmodifiableMap(tags);
    this.git = git;
  }

  /**
   * @param release the configured release, or null
   * @param environment the configured environment, or null
   * @param edition names the derived environment
   * @param configuredTags the declared tags, in order
   * @param jar the application's jar, or null; read only when {@code release} is null
   * @param git the build's git.properties
   */
  public static BuildIdentity resolve(
      String release,
      String environment,
      String edition,
      Map<String, String> configuredTags,
      ApplicationJar jar,
      GitProperties git) {
    String resolvedRelease = release;
    if (resolvedRelease == null && jar != null) {
      resolvedRelease = jar.implementationVersion();
    }
    if (resolvedRelease == null) {
      resolvedRelease = Environments.UNKNOWN_RELEASE;
    }
    String resolvedEnvironment =
        environment != null ? environment : Environments.derive(resolvedRelease, edition);
    Map<String, String> tags = new LinkedHashMap<>(git.tags());
    tags.putAll(configuredTags);
    return new BuildIdentity(resolvedRelease, resolvedEnvironment, tags, git);
  }

  public String release() {
    return release;
  }

  public String environment() {
    return environment;
  }

  /** The tags every event carries, git's first, then the configured ones (which replace git's). */
  public Map<String, String> tags() {
    return tags;
  }

  public GitProperties git() {
    return git;
  }
}
