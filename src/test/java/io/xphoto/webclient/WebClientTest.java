package io.xphoto.webclient;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Accounts;
import io.xphoto.support.Api;
import io.xphoto.support.Chromium;
import io.xphoto.support.FacePhotos;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestTotp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web client at {@code /} in a real headless Chromium against a real server (its database, GreenMail, the
 * face models and sample photos): what a person does, clicked and typed, and what the page shows.
 */
@ExtendWith(VertxExtension.class)
class WebClientTest {

  @RegisterExtension
  static final TestWatcher SCREENSHOTS = Chromium.screenshotsOnFailure();

  private static final String ADMIN = uniqueName("webchief");

  private static TestInstallation xphoto;
  private static Chromium chromium;
  private static ChromeDriver browser;
  private static String base;
  private static Path files;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "throttle.address-failures", "1000",
        "throttle.account-address-failures", "1000", "admins", ADMIN));
    base = xphoto.server().settings().string("public.url");
    files = Files.createTempDirectory("xphoto-webclient");
    chromium = Chromium.start();
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (xphoto != null) {
        xphoto.close();
      }
      if (files != null) {
        TestDirectories.delete(files);
      }
    }
  }

  /** Every test starts signed out of both surfaces, in Chinese. */
  @BeforeEach
  void freshBrowser() {
    browser.get(base + "/app/style.css");
    browser.manage().deleteAllCookies();
    ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
  }

  @Test
  void signUpThroughTheMailSignInUploadWithOneRefusedSeeTheGalleryDeleteExportSignOut() throws Exception {
    open("#/signup");
    type("signup", "username", "abc");
    type("signup", "email", "abc@example.org");
    type("signup", "password", PASSWORD);
    type("signup", "repeat_password", PASSWORD);
    assertEquals("用户名至少需要5个字符。", submit("signup", false), "the server's own rule, as it answered");

    String username = uniqueName("webui");
    String email = Accounts.emailOf(username);
    type("signup", "username", username);
    type("signup", "email", email);
    assertTrue(submit("signup", true).startsWith("欢迎加入 xphoto！"));

    browser.get(Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(email, 1).get(0)));
    assertTrue(browser.getPageSource().contains("帐号已被激活，请登录"), browser.getPageSource());

    signIn(username);
    // three files in one request, one of them not an image: nothing is kept, the page says which and why
    Path broken = file("notes.jpg", "not a picture".getBytes());
    send(By.id("upload-files"), file("one.jpg", TestImages.jpeg(320, 240, 1)), broken, file("two.png", TestImages.png(300, 200, 2)));
    WebElement answer = waitFor(By.cssSelector("#upload-answer.failed"));
    assertEquals("File format must be png or jpg! — 这一批照片都没有保存。", answer.getText());
    List<WebElement> rows = browser.findElements(By.cssSelector("#upload-list li"));
    assertEquals(3, rows.size());
    assertEquals("很可能是这一张： File format must be png or jpg!", rows.get(1).findElement(By.className("file-answer")).getText());
    assertEquals("", rows.get(0).findElement(By.className("file-answer")).getText());
    assertEquals(404, xphoto.api().get("/images", tokenInBrowser()).status(), "nothing of the refused batch was kept");

    send(By.id("upload-files"), file("one.jpg", TestImages.jpeg(320, 240, 1)), file("two.png", TestImages.png(300, 200, 2)),
        file("three.jpg", TestImages.jpeg(240, 320, 3)));
    assertEquals("已上传: 3", waitFor(By.cssSelector("#upload-answer.ok")).getText());
    for (WebElement bar : browser.findElements(By.cssSelector("#upload-list progress"))) {
      assertEquals("100", bar.getAttribute("value"));
    }
    waitUntilCount(By.cssSelector("#gallery img"), 3);
    List<String> urls = xphoto.api().get("/images", tokenInBrowser()).json().getJsonArray("urls").stream().map(String.class::cast).toList();
    assertEquals(urls, browser.findElements(By.cssSelector("#gallery img")).stream().map(img -> img.getAttribute("src")).toList(),
        "newest first, as the API lists them");
    browser.findElements(By.cssSelector("#gallery button.thumb")).get(0).click();
    assertEquals(urls.get(0), waitFor(By.cssSelector("#viewer[open] img.large")).getAttribute("src"));
    browser.findElement(By.id("delete-photo")).click();
    browser.switchTo().alert().accept();
    waitUntilCount(By.cssSelector("#gallery img"), 2);
    assertEquals(urls.subList(1, 3), xphoto.api().get("/images", tokenInBrowser()).json().getJsonArray("urls").getList());

    // a photo dropped on the page (a PNG the browser draws itself)
    ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const canvas = Object.assign(document.createElement('canvas'), { width: 200, height: 150 });
        const context = canvas.getContext('2d');
        context.fillStyle = '#3a7'; context.fillRect(0, 0, 200, 150);
        context.fillStyle = '#fd3'; context.fillRect(40, 30, 90, 60);
        canvas.toBlob(blob => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
          document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          done();
        }, 'image/png');
        """);
    waitUntil("the dropped photo is uploaded", () -> browser.findElement(By.id("upload-answer")).getText().equals("已上传: 1"));
    waitUntilCount(By.cssSelector("#gallery img"), 3);

    open("#/account");
    waitFor(By.id("export")).click();
    assertEquals("xphoto-export-" + username + ".json", waitFor(By.cssSelector("#export ~ .answer.ok, section .answer.ok")).getText());
    String token = tokenInBrowser();
    browser.findElement(By.id("signout")).click();
    waitUntil("back at the sign-in", () -> browser.getCurrentUrl().endsWith("#/signin"));
    assertEquals("已退出登录。", browser.findElement(By.id("status")).getText());
    assertNull(tokenInBrowser());
    assertEquals(401, xphoto.api().get("/userInfo", token).status(), "the token was revoked");
  }

  @Test
  void theAccountPageChangesThePasswordAndTheEmailSignsOutEverywhereAndDeletesTheAccount() {
    String username = uniqueName("webacct");
    String other = xphoto.activeUser(username);
    signIn(username);
    open("#/account");
    assertTrue(waitFor(By.id("who")).getText().contains(username));

    type("change-password", "old_password", "not my password");
    type("change-password", "password", "a new password 1");
    type("change-password", "repeat_password", "a new password 1");
    assertEquals("原密码错误。", submit("change-password", false));
    type("change-password", "old_password", PASSWORD);
    assertEquals("密码已修改，其他设备上的登录已失效。", submit("change-password", true));
    assertEquals(401, xphoto.api().get("/userInfo", other).status(), "the other sign-in ended");

    String newEmail = "new." + Accounts.emailOf(username);
    // (the reset mail's link opens the server's own reset page, MailPagesTest's)
    open("#/forgot");
    type("forgot", "username", username);
    assertEquals("如果该帐号存在并且填写了邮箱，我们已向该邮箱发送了一封重置密码的邮件，请查收。", submit("forgot", true));
    waitUntil("the reset mail", () -> xphoto.mailbox().messagesTo(Accounts.emailOf(username)).stream()
        .anyMatch(mail -> Mailbox.subject(mail).equals("重置您的 xphoto 密码") && Mailbox.text(mail).contains("/password/reset?key=")));
    open("#/account");
    waitFor(By.id("who"));
    type("change-email", "email", newEmail);
    type("change-email", "password", "a new password 1");
    assertEquals("确认邮件已发送到新邮箱，请点击里面的链接完成更换。", submit("change-email", true));
    xphoto.mailbox().awaitMessagesTo(newEmail, 1);

    browser.findElement(By.id("signout-all")).click();
    waitUntil("back at the sign-in", () -> browser.getCurrentUrl().endsWith("#/signin"));
    assertEquals("已在所有设备上退出登录。", waitFor(By.id("status")).getText());

    open("#/signin");
    type("signin", "username", username);
    type("signin", "password", "a new password 1");
    browser.findElement(By.cssSelector("form[name=signin] button[type=submit]")).click();
    waitUntil("signed in", () -> browser.getCurrentUrl().endsWith("#/photos"));
    open("#/account");
    type("delete-account", "password", PASSWORD);
    assertEquals("密码错误，帐号未删除。", submit("delete-account", false));
    type("delete-account", "password", "a new password 1");
    assertEquals("帐号已删除，您的照片、人脸库和登录记录都已清除。", submit("delete-account", true));
    waitUntil("back at the sign-in", () -> browser.getCurrentUrl().endsWith("#/signin"));
    assertEquals(401, xphoto.api().signin(username, "a new password 1").status());
  }

  @Test
  void faceLibraryRegistersFromANewPhotoAndFromTheGalleryAndSearchesWithAndWithoutAMatch() throws Exception {
    String username = uniqueName("webface");
    String token = xphoto.activeUser(username);
    assertEquals(200, xphoto.api().upload("/upload", token, jpeg(portrait(FacePhotos.DORA), 0.9f)).status());
    Api.Reply uploaded = xphoto.api().upload("/upload", token, jpeg(portrait(FacePhotos.CARA), 0.9f));
    assertEquals(200, uploaded.status(), uploaded.toString());
    signIn(username);
    open("#/faces");

    send(By.id("register-files"), file("anna.jpg", jpeg(portrait(FacePhotos.ANNA), 0.9f)));
    browser.findElement(By.cssSelector("form[name=register-new] button[type=submit]")).click();
    assertEquals("register success!", waitFor(By.cssSelector("form[name=register-new] .answer.ok"), 60).getText());
    waitUntilCount(By.cssSelector("#face-list canvas.face"), 1);
    io.vertx.core.json.JsonObject anna = xphoto.api().get("/images-db", token).json().getJsonArray("faces").getJsonObject(0);

    waitFor(By.cssSelector("form[name=register-gallery] input[type=checkbox]"));
    List<WebElement> choices = browser.findElements(By.cssSelector("form[name=register-gallery] input[type=checkbox]"));
    assertEquals(3, choices.size(), "the two uploaded portraits and the one registered from a new photo");
    String cara = uploaded.json().getJsonArray("urls").getString(0);
    choices.stream().filter(box -> cara.equals(box.getAttribute("value"))).findFirst().orElseThrow().click();
    browser.findElement(By.cssSelector("form[name=register-gallery] button[type=submit]")).click();
    assertEquals("register success!", waitFor(By.cssSelector("form[name=register-gallery] .answer.ok"), 60).getText());
    waitUntilCount(By.cssSelector("#face-list canvas.face"), 2);

    send(By.id("probe-file"), file("bella.jpg", jpeg(portrait(FacePhotos.BELLA), 0.9f)));
    browser.findElement(By.cssSelector("form[name=search] button[type=submit]")).click();
    assertEquals("没有找到：不是您人脸库里的人", waitFor(By.cssSelector("#search-result.no-match .verdict"), 60).getText());
    assertTrue(Double.parseDouble(browser.findElement(By.id("search-score")).getText()) < 0.5);

    send(By.id("probe-file"), file("anna-brighter.jpg", jpeg(FacePhotos.brighter(portrait(FacePhotos.ANNA)), 0.9f)));
    browser.findElement(By.cssSelector("form[name=search] button[type=submit]")).click();
    assertEquals("找到了：是您人脸库里的人", waitFor(By.cssSelector("#search-result.match .verdict"), 60).getText());
    assertTrue(Double.parseDouble(browser.findElement(By.id("search-score")).getText()) >= 0.5);
    // the answer explained: the registered face it matched (Anna's, registered from the new photo) with its box
    // drawn on its photo, and the probe's face that matched
    WebElement matched = waitFor(By.id("matched-face"));
    assertEquals(String.valueOf(anna.getLong("id")), matched.getAttribute("data-face-id"));
    WebElement matchedBoxes = browser.findElement(By.id("matched-boxes"));
    assertEquals(anna.getJsonArray("box").encode(), new io.vertx.core.json.JsonArray(matchedBoxes.getAttribute("data-boxes")).getJsonArray(0).encode());
    WebElement probeBoxes = browser.findElement(By.id("probe-boxes"));
    assertEquals(1, new io.vertx.core.json.JsonArray(probeBoxes.getAttribute("data-boxes")).size());
    assertEquals("0", probeBoxes.getAttribute("data-highlight"));
    waitUntil("both pictures are drawn", () -> "true".equals(matchedBoxes.getAttribute("data-drawn"))
        && "true".equals(probeBoxes.getAttribute("data-drawn")));
    assertTrue(greenOn(probeBoxes), "the matched probe face's box is drawn");
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    chromium.screenshot("face-search");

    open("#/photos");
    waitUntilCount(By.cssSelector("#gallery img"), 3);
    waitUntil("the thumbnails are drawn", () -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#gallery img')].every(i => i.complete && i.naturalWidth > 0)")));
    chromium.screenshot("gallery");

    browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
    try {
      for (String view : List.of("#/photos", "#/faces", "#/account")) {
        open(view);
        waitFor(By.cssSelector("main section"));
        assertTrue((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth") <= 360,
            view + ": no sideways scrolling at 360 px");
      }
      chromium.screenshot("phone-account");
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 900));
    }
  }

  @Test
  void aGroupPhotosFacesAreShownAndOneOrAllAreRegistered() throws Exception {
    String username = uniqueName("webgrp");
    String token = xphoto.activeUser(username);
    byte[] group = io.xphoto.support.TestAssets.samplePhoto(FacePhotos.FAYE.sample());
    Api.Reply detected = xphoto.api().upload("/images-db/search", token, group);
    io.vertx.core.json.JsonArray probeFaces = detected.json().getJsonArray("probeFaces");
    assertTrue(probeFaces.size() >= 2, detected.toString());
    signIn(username);
    open("#/faces");

    Path photo = file("group.jpg", group);
    send(By.id("group-file"), photo);
    WebElement boxes = waitFor(By.cssSelector("form[name=register-group] #group-boxes"), 60);
    io.vertx.core.json.JsonArray shown = new io.vertx.core.json.JsonArray(boxes.getAttribute("data-boxes"));
    assertEquals(probeFaces.stream().map(face -> ((io.vertx.core.json.JsonObject) face).getJsonArray("box")).toList(),
        java.util.stream.IntStream.range(0, shown.size()).mapToObj(shown::getJsonArray).toList(), "every face of the photo, numbered in the API's order");
    assertEquals(probeFaces.size() + 1, browser.findElements(By.cssSelector("form[name=register-group] input[name=face]")).size());
    browser.findElement(By.cssSelector("form[name=register-group] input[name=face][value='1']")).click();
    assertEquals("register success! (1)", submit("register-group", true));
    waitUntilCount(By.cssSelector("#face-list canvas.face"), 1);
    io.vertx.core.json.JsonArray library = xphoto.api().get("/images-db", token).json().getJsonArray("faces");
    assertEquals(probeFaces.getJsonObject(1).getJsonArray("box"), library.getJsonObject(0).getJsonArray("box"), "the second face, as chosen");

    send(By.id("group-file"), photo);
    waitFor(By.cssSelector("form[name=register-group] input[name=face][value=all]"), 60).click();
    assertEquals("register success! (" + probeFaces.size() + ")", submit("register-group", true));
    waitUntilCount(By.cssSelector("#face-list canvas.face"), probeFaces.size() + 1);
  }

  @Test
  void anAdminFindsUsersChangesRoleDisablesEnablesSignsOutAndReadsTheAuditLogAndEveryoneTheirRecentActivity() {
    String prefix = uniqueName("webadm");
    String user = prefix + "a";
    String userToken = xphoto.activeUser(user);
    for (int i = 0; i < 21; i++) {
      String other = prefix + "p" + i;
      assertEquals(200, xphoto.api().post("/signup", Accounts.signup(other, Accounts.emailOf(other), PASSWORD)).status());
    }
    String userId = String.valueOf(xphoto.api().get("/userInfo", userToken).json().getValue("id"));
    xphoto.activeUser(ADMIN);

    // a user: no admin link, the admin page refused; their recent activity on the account page
    signIn(user);
    open("#/account");
    List<String> activity = waitUntilCount(By.cssSelector("#recent-activity li"), 4).stream().map(li -> li.getAttribute("data-type")).toList();
    assertEquals(List.of("signin_ok", "signin_ok", "activation", "signup"), activity, "newest first");
    assertTrue(browser.findElement(By.cssSelector("#recent-activity li")).getText().startsWith("登录成功"));
    assertTrue(browser.findElements(By.cssSelector("nav a[href='#/admin']")).isEmpty());
    open("#/admin");
    assertEquals("只有管理员可以打开这个页面。", waitFor(By.cssSelector("main .answer.failed")).getText());

    browser.manage().deleteAllCookies();
    ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    signIn(ADMIN);
    waitFor(By.cssSelector("nav a[href='#/admin']")).click();
    type("admin-search", "q", prefix.toUpperCase());
    browser.findElement(By.cssSelector("form[name=admin-search] button[type=submit]")).click();
    waitUntilCount(By.cssSelector("#admin-users tbody tr"), 20);
    browser.findElement(By.id("users-next")).click();
    waitUntil("the second page", () -> browser.findElements(By.cssSelector("#admin-users tbody tr")).size() == 2);
    assertTrue(browser.findElements(By.id("users-next")).isEmpty(), "no third page");
    browser.findElement(By.id("users-previous")).click();
    WebElement row = waitFor(By.cssSelector("#admin-users tr[data-username=" + user + "]"));
    assertEquals("正常", row.findElement(By.className("state")).getText());
    assertEquals("普通用户", row.findElement(By.className("role")).getText());
    assertEquals("未激活", browser.findElement(By.cssSelector("#admin-users tr[data-username=" + prefix + "p0] .state")).getText());

    row.findElement(By.cssSelector("button[data-action=disable]")).click();
    waitUntil("the admin's answer", () -> browser.findElement(By.id("admin-answer")).getText().equals(user + ": 帐号已停用，其所有登录已失效。"));
    assertEquals(401, xphoto.api().get("/userInfo", userToken).status(), "its sign-ins ended");
    assertEquals(403, xphoto.api().signin(user, PASSWORD).status());
    WebElement disabled = waitFor(By.cssSelector("#admin-users tr[data-username=" + user + "][data-state=disabled]"));
    assertEquals("已停用", disabled.findElement(By.className("state")).getText());
    disabled.findElement(By.cssSelector("button[data-action=enable]")).click();
    waitFor(By.cssSelector("#admin-users tr[data-username=" + user + "][data-state=active]"));
    assertEquals(200, xphoto.api().signin(user, PASSWORD).status());
    browser.findElement(By.cssSelector("#admin-users tr[data-username=" + user + "] button[data-action=role]")).click();
    waitFor(By.cssSelector("#admin-users tr[data-username=" + user + "][data-role=admin]"));
    String fresh = xphoto.api().signin(user, PASSWORD).json().getString("JWTToken");
    assertEquals(200, xphoto.api().get("/admin/users", fresh).status(), "an admin now");
    browser.findElement(By.cssSelector("#admin-users tr[data-username=" + user + "] button[data-action=role]")).click();
    waitFor(By.cssSelector("#admin-users tr[data-username=" + user + "][data-role=user]"));
    browser.findElement(By.cssSelector("#admin-users tr[data-username=" + user + "] button[data-action=signout]")).click();
    waitUntil("the admin's answer", () -> browser.findElement(By.id("admin-answer")).getText().equals(user + ": 已让该帐号在所有设备上退出登录。"));
    assertEquals(401, xphoto.api().get("/userInfo", fresh).status());

    // the audit log of that account, filtered by type
    browser.findElement(By.cssSelector("#admin-users tr[data-username=" + user + "] a[href^='#/admin/audit']")).click();
    waitUntil("the account's events", () -> browser.findElements(By.cssSelector("#admin-audit tbody tr")).size() >= 8);
    assertEquals(List.of("admin_signout", "role_change", "signin_ok", "role_change", "signin_ok", "account_enabled",
            "signin_failed", "account_disabled"),
        browser.findElements(By.cssSelector("#admin-audit tbody tr")).stream().limit(8).map(tr -> tr.getAttribute("data-type")).toList(),
        "newest first");
    type("admin-audit-filter", "type", "account_disabled");
    browser.findElement(By.cssSelector("form[name=admin-audit-filter] button[type=submit]")).click();
    waitUntil("only the disabling", () -> browser.findElements(By.cssSelector("#admin-audit tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-type")).toList().equals(List.of("account_disabled")));
    assertTrue(browser.findElement(By.cssSelector("#admin-audit tbody tr")).getText().contains(userId));
    chromium.screenshot("admin-audit");
    type("admin-audit-filter", "type", "no_such_type");
    browser.findElement(By.cssSelector("form[name=admin-audit-filter] button[type=submit]")).click();
    assertEquals("未知的事件类型。", waitFor(By.cssSelector("#admin-audit .answer.failed")).getText());
    atPhoneWidth(() -> {
      open("#/admin/users?q=" + prefix);
      waitFor(By.cssSelector("#admin-users tbody tr"));
      assertFits("#/admin/users");
      chromium.screenshot("phone-admin-users");
    });
  }

  @Test
  void forumRegistrationWithTheCaptchaProfileAvatarLogoutAndLoginWithTheTripleMd5() throws Exception {
    open("#/forum/register");
    WebElement captcha = waitFor(By.id("reg-captcha-image"));
    waitUntil("the captcha is shown", () -> captcha.getAttribute("src").startsWith("blob:"));
    String first = captcha.getAttribute("src");
    browser.findElement(By.id("reg-captcha-new")).click();
    waitUntil("a new image", () -> !first.equals(captcha.getAttribute("src")));

    String username = uniqueName("webfrm");
    type("forum-register", "username", username);
    type("forum-register", "password", PASSWORD);
    type("forum-register", "alias", "Web client member");
    type("forum-register", "captcha", "wrong");
    String shown = captcha.getAttribute("src");
    assertEquals("验证码错误。", submit("forum-register", false));
    waitUntil("a spent captcha is replaced", () -> !shown.equals(captcha.getAttribute("src")));
    type("forum-register", "captcha", CAPTCHA);
    browser.findElement(By.cssSelector("form[name=forum-register] button[type=submit]")).click();

    WebElement me = waitFor(By.id("forum-me"));
    assertTrue(me.getText().contains(username), me.getText());
    type("forum-profile", "alias", "A new alias here");
    assertEquals("ok", submit("forum-profile", true));
    assertEquals("A new alias here", aliasOf(username));

    send(By.id("avatar-file"), file("me.png", TestImages.png(64, 64, 7)));
    WebElement avatar = waitFor(By.cssSelector("img#avatar"));
    assertTrue(avatar.getAttribute("src").matches(".*/image/avatar/[0-9a-f]{32}\\.png"), avatar.getAttribute("src"));

    browser.findElement(By.id("forum-logout")).click();
    waitFor(By.cssSelector("form[name=forum-login]"));
    type("forum-login", "username", username);
    type("forum-login", "password", PASSWORD);
    type("forum-login", "captcha", CAPTCHA);
    browser.findElement(By.cssSelector("form[name=forum-login] button[type=submit]")).click();
    assertTrue(waitFor(By.id("forum-me")).getText().contains(username));
  }

  @Test
  void theMd5IsRfc1321sAndTheTripleMd5IsTheForumsAndThePageFitsAPhoneAndSpeaksEnglish() {
    open("#/signin");
    waitFor(By.cssSelector("form[name=signin]"));
    Object digests = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/app/md5.js').then(m => done([m.md5(''), m.md5('abc'), m.md5('message digest'),
          m.md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890'), m.tripleMd5('123456')]));
        """);
    assertEquals(List.of("d41d8cd98f00b204e9800998ecf8427e", "900150983cd24fb0d6963f7d28e17f72",
        "f96b697d7cb7938d525a2f31aaf161d0", "57edf4a22be3c955ac49da2e2107b67a", tripleMd5Of("123456")), digests);

    assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin + '/'))"),
        "everything the page loads comes from this server");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
    try {
      assertTrue((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth") <= 360,
          "no sideways scrolling at 360 px");
      browser.findElement(By.id("language")).click();
      assertEquals("Sign in", waitFor(By.cssSelector("nav a[aria-current=page]")).getText());
      assertEquals("Username or email", browser.findElement(By.cssSelector("form[name=signin] label")).getText());
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 900));
    }
  }

  @Test
  void thePageAndItsFilesComeFromTheJarWithAStrictPolicyAndRevalidation() {
    Api.Reply page = xphoto.api().get("/");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    String policy = page.header("Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self';") && policy.contains("default-src 'none'"), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertEquals("no-cache", page.header("Cache-Control"));
    assertFalse(page.body().toString().contains("<script>"), "no inline script");
    assertEquals(304, xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/", null)
        .putHeader("If-None-Match", page.header("ETag")), null).status());
    Api.Reply script = xphoto.api().get("/app/main.js");
    assertEquals(200, script.status());
    assertTrue(script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
    assertEquals("no-cache", script.header("Cache-Control"));
    String modified = script.header("Last-Modified");
    assertNotEquals(null, modified);
    Api.Reply again = xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/app/main.js", null)
        .putHeader("If-Modified-Since", modified), null);
    assertEquals(304, again.status());
    assertEquals(404, xphoto.api().get("/app/index.html").status(), "only the modules and the style sheet");
    assertEquals(404, xphoto.api().get("/app/x/main.js").status());
    Api.Reply unknown = xphoto.api().get("/app/nothing-here.js");
    assertEquals(404, unknown.status());
    assertEquals("接口不存在。", unknown.json().getString("error"));
  }

  @Test
  void twoStepVerificationIsSetUpEnabledAskedForAtBothSignInsTakesARecoveryCodeAndIsTurnedOff() throws Exception {
    String username = uniqueName("webtotp");
    String other = xphoto.activeUser(username);
    signIn(username);
    open("#/account");
    assertEquals("两步验证：未开启", waitFor(By.id("totp-state")).getText());
    browser.findElement(By.id("totp-setup")).click();
    String secret = waitFor(By.id("totp-secret")).getText().replace(" ", "");
    assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
    String scanned = qrCodeShown(By.id("totp-qr"));
    assertTrue(scanned.startsWith("otpauth://totp/xphoto:" + username + "?") && scanned.contains("secret=" + secret + "&"),
        "the QR code a phone scans holds the secret shown: " + scanned);
    byte[] key = TestTotp.base32Decode(secret);
    Codes codes = new Codes(key);
    chromium.screenshot("totp-setup");

    type("totp-enable", "code", TestTotp.code(key, TestTotp.stepNow() - 4, 6));
    assertEquals("两步验证码错误或已被使用。", submit("totp-enable", false));
    type("totp-enable", "code", codes.next());
    browser.findElement(By.cssSelector("form[name=totp-enable] button[type=submit]")).click();
    List<String> recovery = waitUntilCount(By.cssSelector("#recovery-codes li"), 10).stream().map(WebElement::getText).toList();
    assertTrue(recovery.stream().allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}")), recovery.toString());
    assertTrue(browser.findElement(By.cssSelector("#totp-recovery .warning")).getText().startsWith("请立即保存这些恢复码！"));
    assertEquals("两步验证：已开启", browser.findElement(By.id("totp-state")).getText());
    assertEquals(true, xphoto.api().get("/totp", other).json().getBoolean("enabled"));
    atPhoneWidth(() -> {
      assertFits("#/account with the recovery codes");
      ((JavascriptExecutor) browser).executeScript("document.getElementById('totp-recovery').scrollIntoView()");
      chromium.screenshot("phone-totp-recovery-codes");
    });
    browser.findElement(By.id("recovery-saved")).click();
    waitUntil("the recovery codes are gone", () -> browser.findElements(By.id("recovery-codes")).isEmpty()
        && browser.findElement(By.id("totp-state")).getText().equals("两步验证：已开启"));

    browser.findElement(By.id("signout")).click();
    waitUntil("back at the sign-in", () -> browser.getCurrentUrl().endsWith("#/signin"));
    type("signin", "username", username);
    type("signin", "password", PASSWORD);
    browser.findElement(By.cssSelector("form[name=signin] button[type=submit]")).click();
    assertEquals("此帐号已开启两步验证，请输入两步验证码。", waitFor(By.cssSelector("form[name=signin-totp] .note")).getText());
    assertTrue(browser.findElements(By.cssSelector("input[type=password]")).isEmpty(), "the password is no longer on the page");
    assertNull(tokenInBrowser());
    type("signin-totp", "totp", TestTotp.code(key, TestTotp.stepNow() - 4, 6));
    assertEquals("两步验证码错误或已被使用。", submit("signin-totp", false));
    type("signin-totp", "totp", codes.next());
    browser.findElement(By.cssSelector("form[name=signin-totp] button[type=submit]")).click();
    waitUntil("signed in with the code", () -> browser.getCurrentUrl().endsWith("#/photos"));
    assertEquals(200, xphoto.api().get("/userInfo", tokenInBrowser()).status());

    open("#/account");
    waitFor(By.id("signout")).click();
    waitUntil("back at the sign-in", () -> browser.getCurrentUrl().endsWith("#/signin"));
    type("signin", "username", username);
    type("signin", "password", PASSWORD);
    browser.findElement(By.cssSelector("form[name=signin] button[type=submit]")).click();
    type("signin-totp", "totp", recovery.get(0).toUpperCase());
    browser.findElement(By.cssSelector("form[name=signin-totp] button[type=submit]")).click();
    waitUntil("signed in with a recovery code", () -> browser.getCurrentUrl().endsWith("#/photos"));

    // the forum's login: the documented reason, then the code with a new captcha (each try spends one)
    open("#/forum");
    WebElement captcha = waitFor(By.id("login-captcha-image"));
    waitUntil("the captcha is shown", () -> captcha.getAttribute("src").startsWith("blob:"));
    type("forum-login", "username", username);
    type("forum-login", "password", PASSWORD);
    type("forum-login", "captcha", CAPTCHA);
    String spent = captcha.getAttribute("src");
    browser.findElement(By.cssSelector("form[name=forum-login] button[type=submit]")).click();
    assertEquals("此帐号已开启两步验证，请填写两步验证码。", waitFor(By.cssSelector("#forum-totp-prompt:not([hidden])")).getText());
    waitUntil("a new captcha", () -> !spent.equals(captcha.getAttribute("src")));
    assertEquals("两步验证码", browser.findElement(By.cssSelector("label[for=" + browser.findElement(
        By.cssSelector("form[name=forum-login] input[name=totp]")).getAttribute("id") + "]")).getText());
    type("forum-login", "totp", recovery.get(2));
    type("forum-login", "captcha", CAPTCHA);
    browser.findElement(By.cssSelector("form[name=forum-login] button[type=submit]")).click();
    assertTrue(waitFor(By.id("forum-me")).getText().contains(username));

    open("#/account");
    type("totp-disable", "password", PASSWORD);
    type("totp-disable", "code", recovery.get(0));
    assertEquals("两步验证码错误或已被使用，两步验证未关闭。", submit("totp-disable", false), "a recovery code works once");
    type("totp-disable", "code", recovery.get(1));
    assertEquals("两步验证已关闭。", submit("totp-disable", true));
    assertEquals("两步验证：未开启", waitFor(By.cssSelector("#totp-state.off")).getText());
    assertEquals(200, xphoto.api().signin(username, PASSWORD).status(), "the password alone again");
    browser.findElement(By.id("language")).click();
    waitUntil("the account page in English", () -> browser.findElements(By.cssSelector("#totp-state.off")).stream()
        .anyMatch(state -> state.getText().equals("Two-step verification: off")));
  }

  /** Whether a canvas shows the page's green of a matched box somewhere (the probe is drawn from a blob: readable). */
  private static boolean greenOn(WebElement canvas) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("""
        const c = arguments[0]; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i] - 0x19) < 12 && Math.abs(d[i + 1] - 0xa3) < 12 && Math.abs(d[i + 2] - 0x4a) < 12) return true;
        }
        return false;
        """, canvas));
  }

  /**
   * The codes of one secret in the order a person types them: the current step's (still accepted during the next
   * step), each later than the last used one (a used step is spent).
   */
  private static final class Codes {
    private final byte[] key;
    private long last = Long.MIN_VALUE;

    Codes(byte[] key) {
      this.key = key;
    }

    String next() {
      long step = Math.max(last == Long.MIN_VALUE ? Long.MIN_VALUE : last + 1, TestTotp.stepNow());
      assertTrue(step <= TestTotp.stepNow() + 1, "step " + step + " is not yet in the window");
      last = step;
      return TestTotp.code(key, step, 6);
    }
  }

  /** The text of the QR code an img shows, as a phone reads it: the picture the page drew, decoded by ZXing. */
  private static String qrCodeShown(By image) throws IOException {
    WebElement img = waitFor(image);
    waitUntil("the QR code is drawn", () -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", img)));
    String png = (String) ((JavascriptExecutor) browser).executeScript("""
        const img = arguments[0];
        const canvas = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
        canvas.getContext('2d').drawImage(img, 0, 0);
        return canvas.toDataURL('image/png');
        """, img);
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
    int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
              new RGBLuminanceSource(picture.getWidth(), picture.getHeight(), pixels))),
          Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    } catch (com.google.zxing.ReaderException e) {
      Path shown = Path.of("target", "webclient-screenshots", "qr-code-not-read.png");
      Files.createDirectories(shown.getParent());
      ImageIO.write(picture, "png", shown.toFile());
      throw new AssertionError("the QR code shown (" + picture.getWidth() + "×" + picture.getHeight() + ", saved as "
          + shown + ") is not readable", e);
    }
  }

  private static void atPhoneWidth(Runnable check) {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
    try {
      check.run();
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 900));
    }
  }

  private static void assertFits(String what) {
    assertTrue((Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth") <= 360,
        what + ": no sideways scrolling at 360 px");
  }

  private static String aliasOf(String username) {
    io.xphoto.support.ForumClient forum = xphoto.browser();
    assertEquals("ok", forum.login(username, PASSWORD).json().getString("status"));
    return forum.me().getString("alias");
  }

  private static String tripleMd5Of(String text) {
    try {
      String value = text;
      for (int i = 0; i < 3; i++) {
        StringBuilder hex = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("MD5").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
          hex.append(String.format("%02x", b));
        }
        value = hex.toString();
      }
      return value;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void open(String fragment) {
    browser.get(base + "/" + fragment);
  }

  private static void signIn(String username) {
    open("#/signin");
    type("signin", "username", username);
    type("signin", "password", PASSWORD);
    browser.findElement(By.cssSelector("form[name=signin] button[type=submit]")).click();
    waitUntil("signed in", () -> browser.getCurrentUrl().endsWith("#/photos"));
    waitFor(By.id("gallery"));
  }

  private static String tokenInBrowser() {
    return (String) ((JavascriptExecutor) browser).executeScript("return localStorage.getItem('xphoto.token')");
  }

  private static void type(String form, String name, String text) {
    WebElement input = waitFor(By.cssSelector("form[name=" + form + "] input[name=" + name + "]"));
    input.clear();
    input.sendKeys(text);
  }

  /** Submits the form and returns the answer the page shows (ok or failed, as expected). */
  private static String submit(String form, boolean ok) {
    By answer = By.cssSelector("form[name=" + form + "] .answer." + (ok ? "ok" : "failed"));
    browser.findElement(By.cssSelector("form[name=" + form + "] button[type=submit]")).click();
    return waitFor(answer).getText();
  }

  private static void send(By input, Path... paths) {
    waitFor(input).sendKeys(String.join("\n", java.util.Arrays.stream(paths).map(Path::toString).toList()));
  }

  private static Path file(String name, byte[] bytes) throws IOException {
    Path directory = Files.createTempDirectory(files, "f");
    return Files.write(directory.resolve(name), bytes);
  }

  private static WebElement waitFor(By locator) {
    return waitFor(locator, 20);
  }

  private static WebElement waitFor(By locator, int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds)).until(ExpectedConditions.presenceOfElementLocated(locator));
  }

  private static List<WebElement> waitUntilCount(By locator, int count) {
    return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.numberOfElementsToBe(locator, count));
  }

  private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> condition.getAsBoolean());
  }
}
