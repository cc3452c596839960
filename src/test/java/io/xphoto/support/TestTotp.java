package io.xphoto.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * The tests' own TOTP (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1), independent of the server's library, checked
 * against RFC 6238's published test vectors ({@code TotpTest}), and base32 (RFC 4648) to read secrets.
 */
public final class TestTotp {

  public static final int STEP_SECONDS = 30;

  private TestTotp() {
  }

  /** The code of {@code digits} digits for time step {@code step} (Unix time / 30). */
  public static String code(byte[] secret, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      int code = binary % (int) Math.pow(10, digits);
      return String.format("%0" + digits + "d", code);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The six-digit code of the step {@code offset} steps from now. */
  public static String codeNow(byte[] secret, int offset) {
    return code(secret, stepNow() + offset, 6);
  }

  public static long stepNow() {
    return System.currentTimeMillis() / 1000 / STEP_SECONDS;
  }

  /**
   * Waits, when the current step ends within {@code margin} milliseconds, for the next one: a check of "the code of
   * step now ± n" then runs wholly within one step.
   */
  public static void awayFromStepEdge(long margin) {
    long intoStep = System.currentTimeMillis() % (STEP_SECONDS * 1000L);
    long left = STEP_SECONDS * 1000L - intoStep;
    if (left < margin) {
      try {
        Thread.sleep(left + 50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** RFC 4648 base32 (upper case, no padding needed). */
  public static byte[] base32Decode(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.replace("=", "").toCharArray()) {
      int value = alphabet.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not base32: " + text);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bytes.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return bytes.toByteArray();
  }
}
