package io.xphoto.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Password storage: every password is first reduced to the forum client's form,
 * {@code hex(md5(hex(md5(hex(md5(utf8(password)))))))}, and that is hashed with Argon2id (m=19 MiB, t=2, p=1,
 * random salt). So the plain password and the client-side triple-MD5 form both verify.
 *
 * <p>Hashing takes ~100 ms of CPU: call these methods on a worker thread, never on an event loop.
 */
public final class PasswordHasher {

  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private static final int SALT_BYTES = 16;
  private static final Pattern TRIPLE_MD5 = Pattern.compile("[0-9a-fA-F]{32}");
  /** Checked when no account matches, so that an unknown name costs as much time as a wrong password. */
  private static final String DECOY = hash("decoy password of no account");

  private PasswordHasher() {
  }

  public static String hash(String password) {
    return Password.hash(tripleMd5(password)).addRandomSalt(SALT_BYTES).with(ARGON2).getResult();
  }

  /** Whether {@code password} (plain) matches; with a null {@code stored} it spends the same time and fails. */
  public static boolean verify(String password, String stored) {
    boolean matches = Password.check(tripleMd5(password), stored == null ? DECOY : stored).with(ARGON2);
    return matches && stored != null;
  }

  /**
   * Whether {@code password} matches as the plain password or, when it has the form of one, as the client-side
   * {@code hex(md5^3(password))}; an unknown account (null {@code stored}) costs the same and fails.
   */
  public static boolean verifyPlainOrReduced(String password, String stored) {
    boolean plain = verify(password, stored);
    if (plain || !TRIPLE_MD5.matcher(password).matches()) {
      return plain;
    }
    boolean reduced = verifyReduced(password.toLowerCase(Locale.ROOT), stored == null ? DECOY : stored);
    return reduced && stored != null;
  }

  /** Whether the client-side form {@code hex(md5^3(password))} matches. */
  public static boolean verifyReduced(String reduced, String stored) {
    return Password.check(reduced, stored).with(ARGON2);
  }

  public static String tripleMd5(String password) {
    String value = password;
    for (int i = 0; i < 3; i++) {
      value = HexFormat.of().formatHex(md5().digest(value.getBytes(StandardCharsets.UTF_8)));
    }
    return value;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
