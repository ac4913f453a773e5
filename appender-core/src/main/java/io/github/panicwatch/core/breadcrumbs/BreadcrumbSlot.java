package io.github.panicwatch.core.breadcrumbs;

import io.github.panicwatch.core.select.Severity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One preallocated line of a ring of slots, rewritten in place lap after lap, so that recording a
 * breadcrumb allocates nothing (issue 17): the level, logger, thread and time are fields, the
 * message is formatted into a reusable text buffer (cut at {@link BreadcrumbMessage#MAX_LENGTH}),
 * and the context data is copied into two reusable arrays. For adapters whose framework reuses its
 * events (Log4j2): nothing here refers to the framework's event, message or parameters.
 *
 * <p>A writer gets a slot from {@link BreadcrumbRing#claim()}, fills it, and ends with {@link
 * #publish()} (or {@link #discard()}); between the two it holds the slot alone. The slot's sequence
 * number says who may look: even when the slot is at rest, odd while a writer holds it. The claim
 * is one compare-and-set from even to odd, never retried: if another writer holds the slot at that
 * moment, the claim fails and that line is lost. So two writers never write one slot together, the
 * log call never waits, and the reader pays: it reads the sequence, copies, reads the sequence
 * again, and keeps the copy only if the number is even and unchanged.
 *
 * <p>Memory: the text buffer grows with the longest message it has held, up to a little over the
 * cap (a buffer grown further by a very long message is replaced after the cut); the context
 * arrays grow with the largest context data they have held. Strings of the context data and the
 * logger and thread names are kept by reference: they are immutable.
 */
public final class BreadcrumbSlot {
  private static final VarHandle SEQUENCE;

  static {
    try {
      SEQUENCE = MethodHandles.lookup().findVarHandle(BreadcrumbSlot.class, "sequence", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final String[] NO_CONTEXT = new String[0];
  /** Enough for most log lines, so a slot's buffer rarely grows at all. */
  private static final int INITIAL_TEXT_CAPACITY = 128;
  /** A buffer grown past this by a long message is replaced after the cut. */
  private static final int MAX_KEPT_TEXT_CAPACITY = BreadcrumbMessage.MAX_LENGTH + 64;

  @SuppressWarnings("unused") // accessed through SEQUENCE
  private volatile long sequence; // even: at rest; odd: held by a writer

  private boolean holdsLine; // false until the first publish, and after a discard
  private long epochNanos;
  private Severity level;
  private String logger;
  private String thread;
  private StringBuilder text = new StringBuilder(INITIAL_TEXT_CAPACITY);
  private String[] contextKeys = NO_CONTEXT;
  private String[] contextValues = NO_CONTEXT;
  private int contextSize;
  private int contextHeld; // entries not null after the last write

  BreadcrumbSlot() {}

  /**
   * One compare-and-set that makes this writer the slot's only holder, or false at once when
   * another writer holds it. On success the text and the context are empty.
   */
  boolean tryClaim() {
    long at = (long) SEQUENCE.getOpaque(this);
    if ((at & 1) != 0 || !SEQUENCE.compareAndSet(this, at, at + 1)) {
      return false;
    }
    text.setLength(0);
    contextSize = 0;
    return true;
  }

  /**
   * The line's fields. A reference is stored only when it differs from the one the slot holds:
   * the slot is soon old, and into an old object G1's write barrier runs a StoreLoad fence, while
   * a logger or thread name is mostly the one this slot held a lap before.
   */
  public void line(long epochNanos, Severity level, String logger, String thread) {
    this.epochNanos = epochNanos;
    if (this.level != level) {
      this.level = level;
    }
    if (this.logger != logger) {
      this.logger = logger;
    }
    if (this.thread != thread) {
      this.thread = thread;
    }
  }

  /** The slot's empty text buffer, to format the message into; cut to the cap at {@link #publish()}. */
  public StringBuilder text() {
    return text;
  }

  /** Adds one entry of the call's context data (the thread's MDC), in the order they come. */
  public void putContext(String key, String value) {
    int at = contextSize;
    if (at == contextKeys.length) {
      growContext();
    }
    if (contextKeys[at] != key) {
      contextKeys[at] = key;
    }
    if (contextValues[at] != value) {
      contextValues[at] = value;
    }
    contextSize = at + 1;
  }

  private void growContext() {
    int size = Math.max(4, contextKeys.length * 2);
    contextKeys = Arrays.copyOf(contextKeys, size);
    contextValues = Arrays.copyOf(contextValues, size);
  }

  /** Ends the write: the line becomes visible to snapshots. */
  public void publish() {
    BreadcrumbMessage.cut(text);
    if (text.capacity() > MAX_KEPT_TEXT_CAPACITY) {
      text.trimToSize(); // a very long message grew it: back to the cap's size
    }
    forgetContextFrom(contextSize);
    holdsLine = true;
    release();
  }

  /** Ends the write without a line (the slot's previous line is gone too). */
  public void discard() {
    forgetContextFrom(0);
    holdsLine = false;
    release();
  }

  /**
   * Drops the references to entries from {@code from} on, which no line of this slot shows: an
   * earlier, longer context would otherwise keep its values alive (and readable in a heap dump).
   */
  private void forgetContextFrom(int from) {
    int held = Math.max(contextHeld, contextSize);
    for (int i = from; i < held; i++) {
      contextKeys[i] = null;
      contextValues[i] = null;
    }
    contextHeld = from;
  }

  private void release() {
    // release: the fields written while holding the slot are visible before the even number
    SEQUENCE.setRelease(this, (long) SEQUENCE.getOpaque(this) + 1);
  }

  /** Adds this slot's line to a snapshot, unless a writer holds the slot or it holds no line. */
  void collect(List<SnapshotEntry> entries) {
    long at = (long) SEQUENCE.getAcquire(this);
    if ((at & 1) != 0 || !holdsLine) {
      return;
    }
    long time = epochNanos;
    if (unchangedSince(at)) {
      entries.add(new Entry(at, time));
    }
  }

  /** After the reads before it: whether no writer has held the slot since it was at {@code at}. */
  private boolean unchangedSince(long at) {
    VarHandle.acquireFence(); // the reads above happen before the sequence is read again
    return (long) SEQUENCE.getOpaque(this) == at;
  }

  /** The line copied out, or null if a writer took the slot since {@code at}; the reader pays. */
  private RecordedLine copy(long at) {
    try {
      long time = epochNanos;
      Severity lineLevel = level;
      String lineLogger = logger;
      String lineThread = thread;
      StringBuilder lineText = text;
      String message = lineText.substring(0, Math.min(lineText.length(), BreadcrumbMessage.MAX_LENGTH));
      Map<String, String> context = copyContext();
      return unchangedSince(at)
          ? new RecordedLine(time, lineLevel, lineLogger, lineThread, message, context)
          : null;
    } catch (RuntimeException e) {
      return null; // a writer changed the buffer under the copy: the line is being rewritten
    }
  }

  private Map<String, String> copyContext() {
    int size = contextSize;
    if (size == 0) {
      return Map.of();
    }
    String[] keys = contextKeys;
    String[] values = contextValues;
    Map<String, String> copy = new LinkedHashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      copy.put(keys[i], values[i]);
    }
    return copy;
  }

  /** This slot as a snapshot found it: the sequence number it had, and its line's time. */
  private final class Entry extends SnapshotEntry {
    private final long at;

    Entry(long at, long epochNanos) {
      super(epochNanos);
      this.at = at;
    }

    @Override
    RecordedLine read() {
      return copy(at);
    }

    /** The line as read now, into a slot of the other ring (already cut, so the cut changes nothing). */
    @Override
    void copyInto(BreadcrumbRing ring) {
      RecordedLine line = read();
      BreadcrumbSlot slot = line == null ? null : ring.claim();
      if (slot != null) {
        slot.line(line.epochNanos(), line.level(), line.logger(), line.thread());
        slot.text().append(line.message());
        line.mdc().forEach(slot::putContext);
        slot.publish();
      }
    }
  }
}
