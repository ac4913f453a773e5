package io.github.panicwatch.watch;

import java.util.List;

/**
 * Recognises one kind of crash text in a stream of lines. A detector is stateless; a {@link Block}
 * holds the lines of one occurrence while it is being read.
 */
interface Detector {

  /** A block starting at {@code line}, or {@code null} when the line starts none of ours. */
  Block open(String line);

  /**
   * What every line that {@link #open} accepts starts with (a line starting with none of them is
   * not offered); {@code ""} when any line may open a block.
   */
  List<String> starts();

  /** The lines of one occurrence, from its first line until one does not belong. */
  interface Block {
    /** Takes the next line; {@code false} when it does not belong (the block is then complete). */
    boolean add(String line);

    /** What the block said; called once, when it is complete or the stream has ended. */
    Finding finish();
  }
}
