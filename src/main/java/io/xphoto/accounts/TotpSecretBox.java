package io.xphoto.accounts;

import io.xphoto.config.Settings;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals TOTP secrets for the database: AES-256-GCM under the SHA-256 of {@code totp.key}, a random 96-bit nonce
 * per secret, and the account's id as associated data, so a sealed secret copied to another account's row does not
 * open. Stored as base64 of nonce, ciphertext and tag. Without {@code totp.key} the key is derived from
 * {@code jwt.secret} (HMAC-SHA256 of a fixed label), which every installation has (generated on the first start,
 * backed up, the same on every node of a cluster): a key of its own, and nothing more to keep, at the price that a
 * new JWT key also makes the stored secrets unreadable unless {@code totp.key} is set.
 */
public final class TotpSecretBox {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** Label of the key derived from {@code jwt.secret}, so that it is not the JWT signing key itself. */
  private static final String DERIVED_KEY_LABEL = "xphoto totp.key";

  public TotpSecretBox(Settings settings) {
    this.key = new SecretKeySpec(keyBytes(settings.string("totp.key"), settings.string("jwt.secret")), "AES");
  }

  private static byte[] keyBytes(String totpKey, String jwtSecret) {
    try {
      if (!totpKey.isEmpty()) {
        return MessageDigest.getInstance("SHA-256").digest(totpKey.getBytes(StandardCharsets.UTF_8));
      }
      if (jwtSecret.isEmpty()) {
        throw new IllegalArgumentException("neither totp.key nor jwt.secret is set");
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(DERIVED_KEY_LABEL.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String seal(long userId, byte[] secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, userId).doFinalUnchecked(secret);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
  }

  /** The secret; fails when it was not sealed for this account under this key. */
  public byte[] open(long userId, String sealed) {
    byte[] bytes = Base64.getDecoder().decode(sealed);
    byte[] nonce = Arrays.copyOfRange(bytes, 0, NONCE_BYTES);
    return cipher(Cipher.DECRYPT_MODE, nonce, userId).doFinalUnchecked(
        Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length));
  }

  private Gcm cipher(int mode, byte[] nonce, long userId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
      return new Gcm(cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Gcm(Cipher cipher) {

    byte[] doFinalUnchecked(byte[] input) {
      try {
        return cipher.doFinal(input);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TOTP secret not sealed for this account under this totp.key", e);
      }
    }
  }

  @Override
  public String toString() {
    return "TotpSecretBox";
  }
}
