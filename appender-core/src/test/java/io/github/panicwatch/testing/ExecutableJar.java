package io.github.panicwatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * An application jar for child processes run as {@code java -jar app.jar}, the way services ship:
 * a manifest with {@code Main-Class}, an {@code Implementation-Version} (the release Panicwatch
 * reports) and a {@code Class-Path}, and the main class itself.
 */
public final class ExecutableJar {
  private ExecutableJar() {}

  /**
   * Writes {@code jar}.
   *
   * @param version the manifest's {@code Implementation-Version}
   * @param classPath folders and jars the manifest's {@code Class-Path} names (relative to the jar,
   *     as the JDK resolves them); empty when the main class needs nothing else
   * @return {@code jar}
   */
  public static Path write(Path jar, Class<?> main, String version, List<Path> classPath) throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, main.getName());
    attributes.put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    if (!classPath.isEmpty()) {
      Path base = jar.toAbsolutePath().getParent();
      attributes.put(
          Attributes.Name.CLASS_PATH,
          classPath.stream().map(entry -> relativeUrl(base, entry)).collect(Collectors.joining(" ")));
    }
    String classFile = main.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        InputStream bytes = Objects.requireNonNull(main.getClassLoader().getResourceAsStream(classFile), classFile)) {
      jarOut.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(jarOut);
      jarOut.closeEntry();
    }
    return jar;
  }

  /** The SHA-256 of {@code jar} in hex, computed here independently of Panicwatch's tag {@code checksum}. */
  public static String sha256(Path jar) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The test JVM's own class path, for a jar whose main class needs the test's classes. */
  public static List<Path> testClassPath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
  }

  /** {@code entry} relative to {@code base}, URL-encoded; a folder ends with {@code /}, as the JDK requires. */
  private static String relativeUrl(Path base, Path entry) {
    Path absolute = entry.toAbsolutePath();
    String path = base.relativize(absolute).toString().replace(File.separatorChar, '/');
    if (Files.isDirectory(absolute)) {
      path += "/";
    }
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot name " + entry + " in a Class-Path", e);
    }
  }
}
