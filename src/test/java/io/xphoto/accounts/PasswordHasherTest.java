package io.xphoto.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Argon2id hashes stay compatible with the ones stored before (password4j's), both ways. */
class PasswordHasherTest {

  private static final Argon2Function PASSWORD4J = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

  @Test
  void hashesStoredByPassword4jVerify() {
    for (String password : new String[] {"correct horse", "", "密码 with ünïcode", "x".repeat(200)}) {
      String stored = Password.hash(PasswordHasher.tripleMd5(password)).addRandomSalt(16).with(PASSWORD4J).getResult();
      assertTrue(PasswordHasher.verify(password, stored), stored);
      assertTrue(PasswordHasher.verifyReduced(PasswordHasher.tripleMd5(password), stored));
      assertFalse(PasswordHasher.verify(password + "!", stored));
    }
  }

  @Test
  void newHashesVerifyWithPassword4j() {
    for (String password : new String[] {"correct horse", "密码 with ünïcode"}) {
      String stored = PasswordHasher.hash(password);
      assertTrue(stored.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), stored);
      assertTrue(Password.check(PasswordHasher.tripleMd5(password), stored).with(PASSWORD4J));
      assertFalse(Password.check(PasswordHasher.tripleMd5(password + "!"), stored).with(PASSWORD4J));
      assertTrue(PasswordHasher.verify(password, stored));
      assertFalse(PasswordHasher.verify("wrong", stored));
    }
  }

  @Test
  void twoHashesOfOnePasswordDiffer() {
    assertFalse(PasswordHasher.hash("same").equals(PasswordHasher.hash("same")));
  }

  @Test
  void unknownAccountsAndMalformedHashesFail() {
    String stored = PasswordHasher.hash("pw");
    assertFalse(PasswordHasher.verify("pw", null));
    assertFalse(PasswordHasher.verify("pw", ""));
    assertFalse(PasswordHasher.verify("pw", stored.replace("argon2id", "argon2i")));
    assertFalse(PasswordHasher.verify("pw", stored.replace("m=19456", "m=99999999")));
    assertFalse(PasswordHasher.verify("pw", stored.substring(0, stored.length() - 4)));
    assertFalse(PasswordHasher.verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$!!!!$????"));
  }
}
