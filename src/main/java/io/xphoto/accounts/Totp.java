package io.xphoto.accounts;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;

/**
 * TOTP codes (RFC 6238 with the defaults every authenticator app reads: HMAC-SHA1, 30-second steps, 6 digits),
 * computed by java-otp's HOTP of the time step. A code is accepted for the current step and one step either side,
 * and only for a step later than the last one accepted for the account, so each code works once.
 */
public final class Totp {

  public static final int SECRET_BYTES = 20;
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  /** Steps accepted either side of the current one (clock drift, a code typed as it changes). */
  public static final int WINDOW = 1;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(DIGITS);

  private Totp() {
  }

  /** A new random 160-bit secret. */
  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  public static long stepAt(long epochMillis) {
    return Math.floorDiv(epochMillis, STEP_SECONDS * 1000L);
  }

  /** Whether the text has the shape of a TOTP code (six digits, spaces allowed), not of a recovery code. */
  public static boolean isCodeShaped(String code) {
    return code.replace(" ", "").matches("[0-9]{" + DIGITS + "}");
  }

  /**
   * The step within {@link #WINDOW} of {@code epochMillis}, after {@code lastUsedStep}, whose code {@code code} is
   * (the latest one if several); -1 when none.
   */
  public static long matchingStep(byte[] secret, String code, long lastUsedStep, long epochMillis) {
    if (!isCodeShaped(code)) {
      return -1;
    }
    int typed = Integer.parseInt(code.replace(" ", ""));
    long now = stepAt(epochMillis);
    SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
    for (long step = now + WINDOW; step >= now - WINDOW; step--) {
      if (step > lastUsedStep && codeAt(key, step) == typed) {
        return step;
      }
    }
    return -1;
  }

  private static int codeAt(SecretKeySpec key, long step) {
    try {
      return HOTP.generateOneTimePassword(key, step);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4648 base32 without padding, as {@code otpauth://} URIs and authenticator apps take secrets. */
  public static String base32(byte[] bytes) {
    StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        text.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      text.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return text.toString();
  }

  /** The Key URI Format authenticator apps read from a QR code: {@code otpauth://totp/<issuer>:<account>?...}. */
  public static String uri(String issuer, String account, byte[] secret) {
    return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32(secret)
        + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
