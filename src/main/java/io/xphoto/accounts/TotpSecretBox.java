package io.xphoto.accounts;

import io.xphoto.config.Settings;

import javax.crypto.Cipher;
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
 * Seals TOTP secrets for the database: AES-256-GCM under the SHA-256 of {@code totp.key} (generated once into
 * {@code <data.dir>/totp-key} when empty, as the JWT key), a random 96-bit nonce per secret, and the account's id
 * as associated data, so a sealed secret copied to another account's row does not open. Stored as base64 of
 * nonce, ciphertext and tag.
 */
public final class TotpSecretBox {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public TotpSecretBox(Settings settings) {
    this(settings.string("totp.key"));
  }

  TotpSecretBox(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("totp.key (XPHOTO_TOTP_KEY) is not set");
    }
    try {
      this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), "AES");
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
