package io.github.panicwatch.core.scrub;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a scrubbed value becomes: a fixed text ({@code [Filtered]} by default), {@code mask}
 * ({@code ****}, whatever the value's length), {@code remove} (nothing), or {@code hash} (a keyed
 * HMAC-SHA256 of the value, shortened, so the same value correlates across events without being
 * readable). Immutable and thread-safe.
 */
public final class Replacement {

  /** The mode keyword for {@code ****}. */
  public static final String MASK = "mask";
  /** The mode keyword for removing the value. */
  public static final String REMOVE = "remove";
  /** The mode keyword for a keyed hash. */
  public static final String HASH = "hash";
  /** Hex digits of the HMAC kept: 64 bits, enough to correlate, too few to matter as a digest. */
  static final int HASH_HEX_DIGITS = 16;

  private static final String MASK_TEXT = "****";
  private static final String HMAC = "HmacSHA256";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String text; // null in hash mode
  private final Mac mac; // a prototype, cloned per use: Mac is not thread-safe

  private Replacement(String text, Mac mac) {
    this.text = text;
    this.mac = mac;
  }

  /** Whether a replacement spec (see {@link #of}) asks for the keyed hash. */
  static boolean isHash(String spec) {
    return spec != null && spec.trim().toLowerCase(Locale.ROOT).equals(HASH);
  }

  /**
   * The replacement a spec names: {@code mask}, {@code remove}, {@code hash} (any case), or else
   * the spec itself as literal text.
   *
   * @param hashKey the HMAC key, used only in hash mode
   * @throws IllegalArgumentException in hash mode without a usable key
   */
  static Replacement of(String spec, String hashKey) {
    switch (spec.trim().toLowerCase(Locale.ROOT)) {
      case MASK:
        return new Replacement(MASK_TEXT, null);
      case REMOVE:
        return new Replacement("", null);
      case HASH:
        try {
          Mac mac = Mac.getInstance(HMAC);
          mac.init(new SecretKeySpec(hashKey.getBytes(StandardCharsets.UTF_8), HMAC));
          return new Replacement(null, mac);
        } catch (GeneralSecurityException | RuntimeException e) {
          throw new IllegalArgumentException("HMAC-SHA256 is unavailable: " + e, e);
        }
      default:
        return new Replacement(spec, null);
    }
  }

  /** The text of a value that was scrubbed. */
  String apply(CharSequence value) {
    if (mac == null) {
      return text;
    }
    Mac instance;
    try {
      instance = (Mac) mac.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HMAC cannot be cloned", e);
    }
    byte[] digest = instance.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
    char[] out = new char[HASH_HEX_DIGITS];
    for (int i = 0; i < HASH_HEX_DIGITS; i++) {
      int b = digest[i / 2] >> (i % 2 == 0 ? 4 : 0);
      out[i] = HEX[b & 0xf];
    }
    return "[hash:" + new String(out) + "]";
  }

  /**
   * The text a whole field becomes when scrubbing it fails: the fixed text of a text replacement,
   * else {@code [Filtered]} (a hash of unscrubbed text could still be guessed; nothing is safer).
   */
  String failClosedText() {
    return text == null || text.isEmpty() ? ScrubOptions.DEFAULT_REPLACEMENT : text;
  }
}
