package io.github.panicwatch.testing;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Unsafe;

/** Reads address 0 through {@code sun.misc.Unsafe}: a real SIGSEGV, an hs_err file, exit 134. */
public final class CrashNatively {
  public static void main(String[] args) throws ReflectiveOperationException {
    System.err.println("about to read address 0");
    Field field = Unsafe.class.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Unsafe unsafe = (Unsafe) field.get(null);
    System.out.println(unsafe.getInt(0L));
  }

  /**
   * Runs this class in a fresh JVM in {@code folder}, with no core file whatever the machine's
   * limit, and waits for it to die.
   *
   * @param jvmArgs more JVM arguments ({@code -XX:ErrorFile=…}, properties)
   * @return the pid of the JVM that crashed
   * @throws AssertionError when it does not die of its fatal error (exit code 134)
   */
  public static long crashIn(Path folder, String... jvmArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\"",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC"));
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashNatively.class.getName()));
    try (ChildProcess child = ChildProcess.start(new ProcessBuilder(command).directory(folder.toFile()))) {
      ChildProcess.Exit exit = child.awaitExit(Duration.ofSeconds(90));
      if (exit.code() != 134) {
        throw new AssertionError("the crash exited " + exit.code() + ", not 134: " + exit.stdoutText() + exit.stderrText());
      }
      return child.process().pid(); // the shell exec-ed the JVM: one pid
    }
  }
}
