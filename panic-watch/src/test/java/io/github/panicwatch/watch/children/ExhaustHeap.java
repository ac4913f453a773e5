package io.github.panicwatch.watch.children;

import java.util.ArrayList;
import java.util.List;

/** Fills the heap until the JVM gives up; run with a small -Xmx. */
public final class ExhaustHeap {
  public static void main(String[] args) {
    System.err.println("caching everything");
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[64 * 1024]);
    }
  }
}
