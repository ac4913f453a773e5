package io.github.panicwatch.watch.children;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Prints a prompt without a newline, reads one line from stdin and echoes it. */
public final class PromptAndEcho {
  public static void main(String[] args) throws Exception {
    System.out.print("name> ");
    System.out.flush();
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("hello " + line);
  }
}
