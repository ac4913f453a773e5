package io.github.panicwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Sentry envelope as {@link SentryReceiver} got it: the request it came in, its decoded bytes
 * and its parsed header and items.
 *
 * <p>Envelope format: a header line of JSON, then per item a header line
 * ({@code {"type":"event","length":N,...}}) followed by a payload of {@code N} bytes, or up to
 * the next newline when the item header has no {@code length}.
 *
 * @param path           request path, e.g. {@code /api/42/envelope/}
 * @param requestHeaders request headers, names case-insensitive
 * @param raw            request body after gunzip
 * @param header         the envelope header ({@code event_id}, {@code sdk}, {@code sent_at}, ...)
 * @param items          the items in order
 */
public record ReceivedEnvelope(
    String path, Map<String, String> requestHeaders, byte[] raw, JsonNode header, List<Item> items) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Parses {@code raw}; throws {@link IllegalArgumentException} when it is no envelope. */
  static ReceivedEnvelope parse(String path, Map<String, String> requestHeaders, byte[] raw) {
    int[] cursor = {0};
    byte[] headerLine = readLine(raw, cursor);
    if (headerLine.length == 0) {
      throw new IllegalArgumentException("empty envelope: no header line");
    }
    JsonNode header = readJson(headerLine, "envelope header");
    List<Item> items = new ArrayList<>();
    while (cursor[0] < raw.length) {
      byte[] itemHeaderLine = readLine(raw, cursor);
      if (itemHeaderLine.length == 0) {
        continue; // blank line, e.g. a trailing newline after the last payload
      }
      JsonNode itemHeader = readJson(itemHeaderLine, "item header");
      byte[] payload;
      if (itemHeader.hasNonNull("length")) {
        int length = itemHeader.get("length").asInt();
        if (length < 0 || cursor[0] + length > raw.length) {
          throw new IllegalArgumentException(
              "item length " + length + " runs past the end of the envelope (" + raw.length + " bytes)");
        }
        payload = Arrays.copyOfRange(raw, cursor[0], cursor[0] + length);
        cursor[0] += length;
        if (cursor[0] < raw.length && raw[cursor[0]] == '\n') {
          cursor[0]++;
        }
      } else {
        payload = readLine(raw, cursor);
      }
      items.add(new Item(itemHeader, payload));
    }
    return new ReceivedEnvelope(path, requestHeaders, raw, header, List.copyOf(items));
  }

  /** The payloads of the items of type {@code event}, parsed as JSON. */
  public List<JsonNode> events() {
    return items.stream().filter(item -> "event".equals(item.type())).map(Item::json).toList();
  }

  /** The decoded body as UTF-8 text. */
  public String text() {
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static byte[] readLine(byte[] raw, int[] cursor) {
    int start = cursor[0];
    int end = start;
    while (end < raw.length && raw[end] != '\n') {
      end++;
    }
    cursor[0] = Math.min(end + 1, raw.length);
    return Arrays.copyOfRange(raw, start, end);
  }

  private static JsonNode readJson(byte[] bytes, String what) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "malformed " + what + ": " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  /**
   * One envelope item.
   *
   * @param header  the item header ({@code type}, {@code length}, {@code content_type}, ...)
   * @param payload the payload bytes exactly as sent
   */
  public record Item(JsonNode header, byte[] payload) {

    /** The item type ({@code event}, {@code session}, {@code attachment}, ...), or "" if absent. */
    public String type() {
      return header.path("type").asText();
    }

    /** The payload parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(payload);
      } catch (IOException e) {
        throw new UncheckedIOException("item of type [" + type() + "] is not JSON", e);
      }
    }

    /** The payload as UTF-8 text. */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }
}
