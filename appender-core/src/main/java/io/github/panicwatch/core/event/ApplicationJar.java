package io.github.panicwatch.core.event;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jar the application runs from ({@code java -jar app.jar}, or a class path of one jar), if any:
 * source of the default release ({@code Implementation-Version}) and of the {@code checksum} tag.
 */
public final class ApplicationJar {
  private final File file;
  private volatile String checksum;

  private ApplicationJar(File file) {
    this.file = file;
  }

  /** The running application's jar, or {@code null} when it does not run from one. */
  public static ApplicationJar locate() {
    String command = System.getProperty("sun.java.command", "");
    String first = command.isBlank() ? "" : command.trim().split("\\s+", 2)[0];
    if (first.endsWith(".jar") && new File(first).isFile()) {
      return new ApplicationJar(new File(first).getAbsoluteFile());
    }
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.endsWith(".jar")
        && !classPath.contains(File.pathSeparator)
        && new File(classPath).isFile()) {
      return new ApplicationJar(new File(classPath).getAbsoluteFile());
    }
    return null;
  }

  /** For tests and for the watcher, which knows the child's jar. */
  public static ApplicationJar of(File file) {
    return new ApplicationJar(file.getAbsoluteFile());
  }

  public File file() {
    return file;
  }

  /** The manifest's {@code Implementation-Version}, or {@code null}. */
  public String implementationVersion() {
    try (JarFile jar = new JarFile(file)) {
      Manifest manifest = jar.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * SHA-256 of the jar in hex, computed on first use (a panic, on the delivery thread) and kept:
   * hashing a large jar at start-up would delay every application start for a value most runs never
   * need.
   */
  public String checksum() {
    String value = checksum;
    if (value == null) {
      value = computeChecksum();
      checksum = value;
    }
    return value;
  }

  private String computeChecksum() {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file.toPath()), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
