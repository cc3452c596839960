package io.xphoto.support;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Account steps that many tests share: unique names, sign-up, activation through the mail, sign-in. */
public final class Accounts {

  public static final String PASSWORD = "correct horse 42";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Accounts() {
  }

  /** A username no other test uses (letters and digits, within the 5-32 rule). */
  public static String uniqueName(String prefix) {
    return prefix + ProcessHandle.current().pid() % 1000 + "x" + COUNTER.incrementAndGet();
  }

  public static JsonObject signup(String username, String email, String password) {
    return new JsonObject().put("username", username).put("email", email)
        .put("password", password).put("repeat_password", password);
  }

  public static String emailOf(String username) {
    return username.toLowerCase() + "@example.org";
  }

  /** Signs up, follows the link of the mail that arrived, signs in; returns the JWT. */
  public static String activeUser(Api api, Mailbox mailbox, String username) {
    String email = emailOf(username);
    assertEquals(200, api.post("/signup", signup(username, email, PASSWORD)).status());
    String link = Mailbox.activationLink(mailbox.awaitMessagesTo(email, 1).get(0));
    assertEquals(200, api.getAbsolute(link).status());
    Api.Reply signin = api.signin(username, PASSWORD);
    assertEquals(200, signin.status(), signin.toString());
    return signin.json().getString("JWTToken");
  }
}
