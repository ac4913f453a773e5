package io.github.panicwatch.core.deliver;

import io.sentry.ISerializer;
import io.sentry.JsonDeserializer;
import io.sentry.SentryEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Map;

/**
 * The SDK's serializer, writing each entity into an unsynchronized buffer first and handing the
 * SDK's writer the whole JSON in one call. The SDK serialises events into a {@code BufferedWriter},
 * whose every write takes a lock; its JSON writer writes a few chars at a time, so on a panic with
 * a full ring those locks cost about as much as the JSON itself. Everything else is delegated.
 */
final class BufferingSerializer implements ISerializer {
  private final ISerializer delegate;

  BufferingSerializer(ISerializer delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> void serialize(T entity, Writer writer) throws IOException {
    CharBuffer buffer = new CharBuffer();
    delegate.serialize(entity, buffer);
    writer.write(buffer.text.toString());
    writer.flush();
  }

  @Override
  public void serialize(SentryEnvelope envelope, OutputStream outputStream) throws Exception {
    delegate.serialize(envelope, outputStream);
  }

  @Override
  public String serialize(Map<String, Object> data) throws Exception {
    return delegate.serialize(data);
  }

  @Override
  public <T, R> T deserializeCollection(
      Reader reader, Class<T> clazz, JsonDeserializer<R> elementDeserializer) {
    return delegate.deserializeCollection(reader, clazz, elementDeserializer);
  }

  @Override
  public <T> T deserialize(Reader reader, Class<T> clazz) {
    return delegate.deserialize(reader, clazz);
  }

  @Override
  public SentryEnvelope deserializeEnvelope(InputStream inputStream) {
    return delegate.deserializeEnvelope(inputStream);
  }

  /** A writer into a StringBuilder, without the locks of StringWriter or BufferedWriter. */
  private static final class CharBuffer extends Writer {
    // a panic with a full ring serialises to 20-30 KB: start there rather than grow and copy twice
    private final StringBuilder text = new StringBuilder(32_768);

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence chars) {
      text.append(chars);
      return this;
    }

    @Override
    public Writer append(char c) {
      text.append(c);
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
