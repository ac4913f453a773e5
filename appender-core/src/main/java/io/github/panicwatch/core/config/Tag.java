package io.github.panicwatch.core.config;

/**
 * A declared tag, {@code <tag><name>service</name><value>alpha</value></tag>}: a JavaBean so that
 * Logback's Joran binds the repeated element through {@code addTag(Tag)} without a {@code class=}.
 */
public final class Tag {
  private String name;
  private String value;

  public Tag() {}

  public Tag(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  /**
   * Why this tag cannot be sent, or {@code null}: it needs a name and a value. An incomplete element
   * is a configuration error, never silently dropped (issue 19).
   */
  String incompleteness() {
    if (name == null || name.isBlank()) {
      return "Incomplete <tag>: it has no <name>";
    }
    return value == null ? "Incomplete <tag> [" + name.trim() + "]: it has no <value>" : null;
  }
}
