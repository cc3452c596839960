package io.xphoto.accounts;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password storage: every password is first reduced to the forum client's form,
 * {@code hex(md5(hex(md5(hex(md5(utf8(password)))))))}, and that is hashed with Argon2id (m=19 MiB, t=2, p=1,
 * random 16-byte salt, 32-byte tag), stored in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>} (unpadded base64). So the plain password and the
 * client-side triple-MD5 form both verify.
 *
 * <p>Argon2id is Bouncy Castle's, with its 1 KiB blocks taken from a pool shared by the hashing threads: a
 * hash then allocates almost nothing, where an implementation that allocates its 19 MiB (and temporary
 * blocks for every compression) per call makes young collections frequent and long enough to be seen in
 * the latency of every other request while sign-ins keep the cores busy.
 *
 * <p>Hashing takes ~60 ms of CPU: call these methods on a worker thread, never on an event loop.
 */
public final class PasswordHasher {

  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int TAG_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Pattern TRIPLE_MD5 = Pattern.compile("[0-9a-fA-F]{32}");
  /** Argon2's largest memory accepted from a stored hash: guards against a corrupted row asking for gigabytes. */
  private static final int MAX_MEMORY_KIB = 1024 * 1024;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Reused blocks for one hash per core at the default parameters (more callers allocate the rest). */
  private static final Argon2BytesGenerator.BlockPool BLOCKS =
      new Argon2BytesGenerator.FixedBlockPool(Runtime.getRuntime().availableProcessors() * (MEMORY_KIB + 8));
  /** Checked when no account matches, so that an unknown name costs as much time as a wrong password. */
  private static final String DECOY = hash("decoy password of no account");

  private PasswordHasher() {
  }

  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] tag = argon2id(tripleMd5(password).getBytes(StandardCharsets.UTF_8), salt, MEMORY_KIB, ITERATIONS,
        PARALLELISM, TAG_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
  }

  /** Whether {@code password} (plain) matches; with a null {@code stored} it spends the same time and fails. */
  public static boolean verify(String password, String stored) {
    boolean matches = verifyReduced(tripleMd5(password), stored == null ? DECOY : stored);
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

  /** Whether the client-side form {@code hex(md5^3(password))} matches; false for a malformed {@code stored}. */
  public static boolean verifyReduced(String reduced, String stored) {
    Matcher phc = stored == null ? null : PHC.matcher(stored);
    if (phc == null || !phc.matches()) {
      return false;
    }
    int memory = Integer.parseInt(phc.group(1));
    int iterations = Integer.parseInt(phc.group(2));
    int parallelism = Integer.parseInt(phc.group(3));
    byte[] salt;
    byte[] expected;
    try {
      salt = B64_DECODER.decode(phc.group(4));
      expected = B64_DECODER.decode(phc.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (memory > MAX_MEMORY_KIB || memory < 8 * parallelism || iterations < 1 || parallelism < 1
        || salt.length < 8 || expected.length < 4) {
      return false;
    }
    byte[] actual = argon2id(reduced.getBytes(StandardCharsets.UTF_8), salt, memory, iterations, parallelism,
        expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private static byte[] argon2id(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int tagBytes) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .withBlockPool(BLOCKS)
        .build());
    byte[] tag = new byte[tagBytes];
    generator.generateBytes(password, tag);
    return tag;
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
