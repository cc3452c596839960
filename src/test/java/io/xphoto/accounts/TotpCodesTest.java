package io.xphoto.accounts;

import io.xphoto.config.Settings;
import io.xphoto.support.TestTotp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The server's TOTP pieces on their own: RFC 6238's vectors through java-otp, base32, the sealing of secrets. */
class TotpCodesTest {

  private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void codesAreRfc6238sWithinOneStepEitherSideAndAfterTheLastUsed() {
    // RFC 6238 appendix B (SHA1), the last six digits: T=59 -> 94287082, T=1111111109 -> 07081804
    assertEquals(1, Totp.matchingStep(RFC_SECRET, "287082", 0, 59_000));
    assertEquals(1111111109L / 30, Totp.matchingStep(RFC_SECRET, "081804", 0, 1111111109_000L));
    assertEquals(1111111109L / 30, Totp.matchingStep(RFC_SECRET, "081 804", 0, 1111111109_000L), "spaces allowed");
    long step = 1111111109L / 30;
    String code = TestTotp.code(RFC_SECRET, step, 6);
    assertEquals(step, Totp.matchingStep(RFC_SECRET, code, 0, (step + 1) * 30_000), "one step late");
    assertEquals(step, Totp.matchingStep(RFC_SECRET, code, 0, (step - 1) * 30_000 + 29_999), "one step early");
    assertEquals(-1, Totp.matchingStep(RFC_SECRET, code, 0, (step + 2) * 30_000), "two steps late");
    assertEquals(-1, Totp.matchingStep(RFC_SECRET, code, 0, (step - 2) * 30_000 + 29_999), "two steps early");
    assertEquals(-1, Totp.matchingStep(RFC_SECRET, code, step, step * 30_000), "its step used already");
    assertEquals(-1, Totp.matchingStep(RFC_SECRET, "28708", 0, 59_000));
    assertEquals(-1, Totp.matchingStep(RFC_SECRET, "abcdef", 0, 59_000));
  }

  @Test
  void base32IsRfc4648s() {
    // RFC 4648 section 10, without padding
    Map<String, String> vectors = Map.of("f", "MY", "fo", "MZXQ", "foo", "MZXW6", "foob", "MZXW6YQ",
        "fooba", "MZXW6YTB", "foobar", "MZXW6YTBOI");
    vectors.forEach((text, encoded) -> assertEquals(encoded, Totp.base32(text.getBytes(StandardCharsets.US_ASCII))));
    byte[] secret = Totp.newSecret();
    assertEquals(20, secret.length);
    assertArrayEquals(secret, TestTotp.base32Decode(Totp.base32(secret)));
  }

  @Test
  void aSealedSecretOpensOnlyForItsAccountUnderItsKey() {
    Settings withJwtKey = settings("", "a JWT key of at least thirty-two bytes, for the test");
    TotpSecretBox box = new TotpSecretBox(withJwtKey);
    byte[] secret = Totp.newSecret();
    String sealed = box.seal(42, secret);
    assertArrayEquals(secret, box.open(42, sealed));
    assertNotEquals(sealed, box.seal(42, secret), "a new nonce each time");
    assertThrows(IllegalStateException.class, () -> box.open(43, sealed), "another account");
    assertThrows(IllegalStateException.class,
        () -> new TotpSecretBox(settings("", "another JWT key of at least thirty-two bytes")).open(42, sealed));
    TotpSecretBox ownKey = new TotpSecretBox(settings("a TOTP key of at least thirty-two bytes, for the test",
        "a JWT key of at least thirty-two bytes, for the test"));
    assertThrows(IllegalStateException.class, () -> ownKey.open(42, sealed), "totp.key, not the derived key");
    assertArrayEquals(secret, ownKey.open(42, ownKey.seal(42, secret)));
  }

  private static Settings settings(String totpKey, String jwtSecret) {
    try {
      return Settings.load(Map.of()).with(Map.of("totp.key", totpKey, "jwt.secret", jwtSecret));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
