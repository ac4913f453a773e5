package io.github.panicwatch.core.deliver;

import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryEvent;
import io.sentry.SentryItemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps every event within Sentry's size limits before it is spooled or sent (issue 12): Sentry
 * refuses an event over 1 MB decompressed or 200 KB compressed with a 413, and retrying it can never
 * succeed. An event over the budget is trimmed by {@link EventTrimmer} and carries the extra
 * {@value #TRIMMED_EXTRA} saying what went. After Sentry refused an envelope anyway (413, or 400 for
 * a body it cannot read), {@link #fitAfterRefusal} trims it once more to a quarter of the budget,
 * marked with {@value #TRIMMED_AFTER_REFUSAL_EXTRA}; one refused after that is not tried again.
 */
final class SizeBudget {
  /** Sentry's limit on an event, decompressed: 1 MB. */
  static final long SENTRY_MAX_BYTES = 1_000_000;
  /** Sentry's limit on an event, compressed: 200 KB. */
  static final long SENTRY_MAX_COMPRESSED_BYTES = 200_000;
  /** Room left for the envelope's headers and the {@code trimmed} extra itself. */
  static final int MARGIN_BYTES = 4_096;
  /** After a refusal the event is trimmed to this fraction of the budget. */
  static final int HARDER = 4;
  /** Extra that tells what was trimmed to fit Sentry's limits. */
  static final String TRIMMED_EXTRA = "trimmed";
  /** Extra that tells which HTTP status Sentry refused the first, larger copy of this event with. */
  static final String TRIMMED_AFTER_REFUSAL_EXTRA = "trimmed_after_refusal";

  private final ISerializer serializer;
  private final long maxBytes;
  private final long maxCompressedBytes;

  SizeBudget(ISerializer serializer) {
    this(serializer, SENTRY_MAX_BYTES, SENTRY_MAX_COMPRESSED_BYTES);
  }

  SizeBudget(ISerializer serializer, long maxBytes, long maxCompressedBytes) {
    this.serializer = serializer;
    this.maxBytes = maxBytes;
    this.maxCompressedBytes = maxCompressedBytes;
  }

  /**
   * The envelope itself when its event fits (the usual case, which costs one look at the bytes the
   * SDK serialised anyway); otherwise a new one with the event trimmed and the same event id.
   */
  SentryEnvelope fit(SentryEnvelope envelope) throws Exception {
    SentryEnvelopeItem item = eventItem(envelope);
    if (item == null || fits(item.getData(), maxBytes, maxCompressedBytes)) {
      return envelope;
    }
    return trimmed(envelope, item, maxBytes, maxCompressedBytes, null);
  }

  /**
   * The envelope trimmed to a quarter of the budget after Sentry refused it with {@code status};
   * {@code null} when it was refused after such a trim already, or holds no event: then it can
   * never be taken, and is dropped.
   */
  SentryEnvelope fitAfterRefusal(SentryEnvelope envelope, int status) throws Exception {
    SentryEnvelopeItem item = eventItem(envelope);
    if (item == null || item.getEvent(serializer).getExtra(TRIMMED_AFTER_REFUSAL_EXTRA) != null) {
      return null;
    }
    return trimmed(envelope, item, maxBytes / HARDER, maxCompressedBytes / HARDER, status);
  }

  private SentryEnvelope trimmed(
      SentryEnvelope envelope, SentryEnvelopeItem item, long bytes, long compressedBytes, Integer refusedWith)
      throws Exception {
    int before = item.getData().length;
    SentryEvent event = item.getEvent(serializer);
    List<String> what = EventTrimmer.trim(event, candidate -> fits(json(candidate), bytes, compressedBytes));
    event.setExtra(
        TRIMMED_EXTRA,
        "event of " + before + " bytes over the budget of " + bytes + " bytes (" + compressedBytes
            + " compressed): " + String.join("; ", what));
    if (refusedWith != null) {
      event.setExtra(TRIMMED_AFTER_REFUSAL_EXTRA, refusedWith);
    }
    List<SentryEnvelopeItem> items = new ArrayList<>();
    for (SentryEnvelopeItem other : envelope.getItems()) {
      items.add(other == item ? SentryEnvelopeItem.fromEvent(serializer, event) : other);
    }
    return new SentryEnvelope(envelope.getHeader(), items);
  }

  private byte[] json(SentryEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      serializer.serialize(event, writer);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the event to measure it", e);
    }
    return out.toByteArray();
  }

  private static boolean fits(byte[] json, long bytes, long compressedBytes) {
    long room = Math.max(0, bytes - MARGIN_BYTES);
    long compressedRoom = Math.max(0, compressedBytes - MARGIN_BYTES);
    if (json.length > room) {
      return false;
    }
    // gzip never makes JSON much larger: only an event near the compressed limit is compressed to see
    return json.length <= compressedRoom - 64 || compressedSize(json) <= compressedRoom;
  }

  private static long compressedSize(byte[] json) {
    Counter counter = new Counter();
    try (GZIPOutputStream gzip = new GZIPOutputStream(counter)) {
      gzip.write(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot compress the event to measure it", e);
    }
    return counter.count;
  }

  private static SentryEnvelopeItem eventItem(SentryEnvelope envelope) {
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.Event) {
        return item;
      }
    }
    return null;
  }

  private static final class Counter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      count += length;
    }
  }
}
