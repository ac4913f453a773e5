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
}
