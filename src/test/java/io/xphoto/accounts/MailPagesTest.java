package io.xphoto.accounts;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.Browser;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.xphoto.accounts.PasswordResetTest.assertError;
import static io.xphoto.accounts.PasswordResetTest.assertPage;
import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages a browser gets for the mails' links; API clients keep their JSON. */
@ExtendWith(VertxExtension.class)
class MailPagesTest {

  private static TestInstallation xphoto;
  private static Browser browser;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of());
    browser = new Browser(xphoto.api());
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theActivationLinkShowsTheSeedsMessageInAPage() {
    String username = uniqueName("browse");
    assertEquals(200, xphoto.api().post("/signup", signup(username, emailOf(username), PASSWORD)).status());
    String link = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(emailOf(username), 1).get(0));

    Api.Reply activated = browser.open(link);
    assertEquals(200, activated.status());
    assertPage(activated);
    String html = activated.body().toString();
    assertTrue(html.contains("<title>激活帐号 - xphoto</title>"), html);
    assertTrue(html.contains("<p class=\"ok\">帐号已被激活，请登录</p>"), html);

    Api.Reply again = browser.open(link);
    assertEquals(422, again.status());
    assertPage(again);
    assertTrue(again.body().toString().contains("<p class=\"error\">帐号已经是激活状态。</p>"), again.body().toString());
    for (String query : new String[] {"", "?key=abc", "?username=" + username}) {
      Api.Reply refused = browser.open(xphoto.server().settings().string("public.url") + "/active_account" + query);
      assertEquals(422, refused.status(), query);
      assertTrue(refused.body().toString().contains("帐号已经是激活状态。"), query);
      // an API client still gets the JSON
      assertError(xphoto.api().get("/active_account" + query), 422, "帐号已经是激活状态。");
    }
  }

  @Test
  void whatARequestBringsIsEscapedInThePage() {
    String hostile = "\"><script>alert('x')</script>&";
    Api.Reply page = browser.post("/password/reset", MultiMap.caseInsensitiveMultiMap()
        .add("key", hostile).add("password", "short").add("repeat_password", "short"));
    assertEquals(422, page.status());
    assertPage(page);
    String html = page.body().toString();
    assertTrue(html.contains("value=\"" + Browser.escaped(hostile) + "\""), html);
    assertFalse(html.contains(hostile), html);
    Browser.Form form = Browser.formOf(xphoto.server().settings().string("public.url") + "/password/reset", html);
    assertEquals(hostile, form.inputs().get("key").get("value"), "the browser reads back what was sent");
  }

  @Test
  void aFormPostWithoutAcceptingHtmlGetsJson() {
    Api.Reply reply = Api.join(xphoto.api().request(io.vertx.core.http.HttpMethod.POST, "/password/reset", null)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer("key=" + "A".repeat(43) + "&password=long+enough+1&repeat_password=long+enough+1"))
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
    assertError(reply, 422, PasswordResetTest.REFUSED);
    Api.Reply missing = Api.join(xphoto.api().request(io.vertx.core.http.HttpMethod.POST, "/password/reset", null)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer("key=abc"))
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
    assertError(missing, 422, "缺少参数：password");
    assertEquals(new JsonObject().put("error", "缺少参数：password"), missing.json());
  }
}
