package io.github.panicwatch.watch.children;

import java.lang.reflect.Field;
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
}
