package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outbox: a sign-up succeeds while SMTP is down, and its mail goes out, once, when SMTP is back. */
@ExtendWith(VertxExtension.class)
class MailDeliveryTest {

  @Test
  void mailsQueuedWhileSmtpIsDownAreDeliveredOnceWhenItIsBack(Vertx vertx) throws Exception {
    int smtpPort = Ports.free();
    try (XphotoServer server = TestServer.start(smtpPort, Map.of())) {
      Api api = new Api(vertx, server);
      String username = uniqueName("quinn");
      String email = emailOf(username);
      assertEquals(200, api.post("/signup", signup(username, email, PASSWORD)).status());
      Thread.sleep(2500); // several delivery attempts fail meanwhile

      try (Mailbox mailbox = Mailbox.startOn(smtpPort)) {
        String link = Mailbox.activationLink(mailbox.awaitMessagesTo(email, 1).get(0));
        assertEquals(200, api.getAbsolute(link).status());
        Thread.sleep(2500);
        assertEquals(1, mailbox.messagesTo(email).size(), "delivered exactly once");
      }
    }
  }
}
