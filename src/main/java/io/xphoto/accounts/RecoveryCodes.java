package io.xphoto.accounts;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The single-use recovery codes of an account with TOTP on: {@link #COUNT} codes of 80 random bits, written as
 * four groups of four base32 letters ({@code abcd-efgh-ijkl-mnop}). With that much randomness a fast hash is enough
 * to keep them (SHA-256, as activation keys): no one can search the hashes back to codes, and a sign-in finds a
 * code by its hash in one statement.
 */
public final class RecoveryCodes {

  public static final int COUNT = 10;
  private static final int GROUPS = 4;
  private static final int GROUP_LENGTH = 4;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {
  }

  public static List<String> generate() {
    List<String> codes = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder();
      for (int group = 0; group < GROUPS; group++) {
        if (group > 0) {
          code.append('-');
        }
        for (int c = 0; c < GROUP_LENGTH; c++) {
          code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /** The code as typed, without spaces or dashes, in lower case: how it is hashed. */
  public static String normalized(String typed) {
    return typed.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** SHA-256 (hex) of the normalised code. */
  public static String hashOf(String typed) {
    return ActivationKey.hashOf(normalized(typed));
  }
}
