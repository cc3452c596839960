package io.xphoto.forum;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.failed;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code PUT /forum/user/avatar} and {@code GET /image/avatar/<name>}. */
@ExtendWith(VertxExtension.class)
class ForumAvatarTest {

  private static final int MIB = 1024 * 1024;

  private static TestInstallation xphoto;
  private static Vertx clientVertx;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "throttle.address-failures", "1000",
        "image.max-megapixels", "1"));
    clientVertx = vertx;
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static ForumClient member() {
    return xphoto.browser().registered("pic", "Picture person");
  }

  private static Api.Reply putAvatar(ForumClient browser, String type, byte[] bytes) {
    return browser.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", type), Buffer.buffer(bytes));
  }

  private static Path objects() {
    return Path.of(xphoto.server().settings().string("data.dir"), "objects");
  }

  private static long objectCount() throws Exception {
    try (Stream<Path> files = Files.list(objects())) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
    }
  }

  @Test
  void anAvatarIsStoredServedAndReplaced() throws Exception {
    ForumClient browser = member();
    byte[] jpeg = TestImages.jpeg(64, 64, 1);
    Api.Reply first = putAvatar(browser, "image/jpeg", jpeg);
    assertEquals(200, first.status(), first.toString());
    assertEquals("ok", first.json().getString("status"));
    String firstAddress = first.json().getString("resaddr");
    assertTrue(firstAddress.matches("/image/avatar/[0-9a-f]{32}\\.jpg"), firstAddress);
    assertEquals(firstAddress, browser.me().getString("avatar"));

    Api.Reply served = xphoto.api().get(firstAddress);
    assertEquals(200, served.status());
    assertEquals("image/jpeg", served.header("Content-Type"));
    assertEquals(64, TestImages.decode(served.body().getBytes()).getWidth());
    assertTrue(served.header("Cache-Control").contains("immutable"));
    Api.Reply revalidated = xphoto.api().send(xphoto.api().request(HttpMethod.GET, firstAddress, null).putHeader("If-None-Match", served.header("ETag")), null);
    assertEquals(304, revalidated.status());

    long before = objectCount();
    byte[] png = TestImages.png(48, 32, 2);
    Api.Reply second = putAvatar(browser, "image/png", png);
    assertEquals(200, second.status(), second.toString());
    String secondAddress = second.json().getString("resaddr");
    assertTrue(secondAddress.matches("/image/avatar/[0-9a-f]{32}\\.png"), secondAddress);
    assertEquals(secondAddress, browser.me().getString("avatar"));
    Api.Reply servedPng = xphoto.api().get(secondAddress);
    assertEquals("image/png", servedPng.header("Content-Type"));
    assertArrayEquals(png, servedPng.body().getBytes(), "a PNG without metadata is stored as sent");

    assertEquals(404, xphoto.api().get(firstAddress).status(), "the old avatar is gone");
    String firstKey = firstAddress.substring(firstAddress.lastIndexOf('/') + 1);
    for (int i = 0; i < 50 && Files.exists(objects().resolve(firstKey)); i++) {
      Thread.sleep(100);
    }
    assertFalse(Files.exists(objects().resolve(firstKey)), "the old object is deleted");
    assertEquals(before, objectCount());

    JsonObject seenByOthers = new JsonArray(member().get("/forum/user/info?userID=" + browser.me().getLong("userID"))
        .body()).getJsonObject(0);
    assertEquals(secondAddress, seenByOthers.getString("avatar"));
  }

  @Test
  void metadataIsStrippedLikeUploads() {
    ForumClient browser = member();
    byte[] jpeg = TestImages.jpeg(32, 32, 3);
    byte[] withExif = withComment(jpeg, "GPS secret location");
    Api.Reply reply = putAvatar(browser, "image/jpeg", withExif);
    assertEquals(200, reply.status(), reply.toString());
    byte[] served = xphoto.api().get(reply.json().getString("resaddr")).body().getBytes();
    assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains("GPS secret location"));
  }

  /** A JPEG comment segment (COM) after SOI: metadata the server strips. */
  private static byte[] withComment(byte[] jpeg, String comment) {
    byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[jpeg.length + 4 + text.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xFE;
    out[4] = (byte) ((text.length + 2) >> 8);
    out[5] = (byte) (text.length + 2);
    System.arraycopy(text, 0, out, 6, text.length);
    System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
    return out;
  }

  @Test
  void badAvatarsAreRefusedAndTheCurrentOneStays() throws Exception {
    ForumClient browser = member();
    String replaced = putAvatar(browser, "image/jpeg", TestImages.jpeg(16, 16, 4)).json().getString("resaddr");
    Api.Reply exactlyOneMib = putAvatar(browser, "image/jpeg", Arrays.copyOf(TestImages.jpeg(16, 16, 8), MIB));
    assertEquals(200, exactlyOneMib.status(), "1 MiB itself is allowed");
    String current = exactlyOneMib.json().getString("resaddr");
    // the replaced avatar's object is removed after the answer: count once it is gone
    Path old = objects().resolve(replaced.substring(replaced.lastIndexOf('/') + 1));
    for (int i = 0; i < 100 && Files.exists(old); i++) {
      Thread.sleep(50);
    }
    long objects = objectCount();

    Api.Reply tooBig = putAvatar(browser, "image/jpeg", Arrays.copyOf(TestImages.jpeg(16, 16, 5), MIB + 1));
    assertEquals(413, tooBig.status());
    assertEquals(failed("头像大小不能超过 1 MByte。"), tooBig.json());

    Path big = Files.createTempFile(Path.of("target"), "avatar", ".jpg");
    big.toFile().deleteOnExit();
    Files.write(big, Arrays.copyOf(TestImages.jpeg(16, 16, 5), MIB + 1));
    Api.Reply chunked = Api.join(clientVertx.fileSystem().open(big.toString(), new OpenOptions().setRead(true))
        .compose(file -> {
          HttpRequest<Buffer> request = WebClient.create(clientVertx)
              .putAbs("http://127.0.0.1:" + xphoto.server().settings().integer("http.port") + "/forum/user/avatar")
              .putHeader("Content-Type", "image/jpeg")
              .putHeader("Cookie", ForumRoutes.SESSION_COOKIE + "=" + browser.cookie());
          return request.sendStream(file);
        })
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
    assertEquals(413, chunked.status(), "a body without Content-Length is cut off at the limit");
    assertEquals(failed("请求体过大。"), chunked.json());

    Api.Reply text = putAvatar(browser, "image/jpeg", "not an image at all".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, text.status());
    assertEquals(failed("头像须为 JPEG 或 PNG 图片。"), text.json());
    Api.Reply gif = putAvatar(browser, "image/gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII));
    assertEquals(415, gif.status());
    Api.Reply json = browser.put("/forum/user/avatar", new JsonObject().put("avatar", "x"));
    assertEquals(415, json.status());
    Api.Reply empty = putAvatar(browser, "image/png", new byte[0]);
    assertEquals(415, empty.status());
    byte[] truncated = Arrays.copyOf(TestImages.png(16, 16, 6), 60);
    assertEquals(415, putAvatar(browser, "image/png", truncated).status());

    Api.Reply flood = putAvatar(browser, "image/png", TestImages.png(1200, 1000, 7));
    assertEquals(422, flood.status(), "over image.max-megapixels");
    assertEquals("failed", flood.json().getString("status"));

    assertEquals(current, browser.me().getString("avatar"));
    assertEquals(200, xphoto.api().get(current).status());
    assertEquals(objects, objectCount(), "no refused avatar left an object");
  }

  @Test
  void onlyCurrentAvatarsAreServedAndNamesCannotEscape() {
    ForumClient browser = member();
    String address = putAvatar(browser, "image/png", TestImages.png(16, 16, 9)).json().getString("resaddr");
    String key = address.substring(address.lastIndexOf('/') + 1);
    for (String path : new String[] {
        "/image/avatar/../objects/" + key,
        "/image/avatar/..%2F..%2Fjwt-secret",
        "/image/avatar/%2e%2e/%2e%2e/jwt-secret",
        "/image/avatar/" + key + "%00.png",
        "/image/avatar/" + key.replace(".png", ".jpg"),
        "/image/avatar/00000000000000000000000000000000.png",
        "/image/avatar/",
        "/image/avatar/x/" + key}) {
      Api.Reply reply = xphoto.api().get(path);
      assertEquals(404, reply.status(), path);
    }
    String uploaded = xphoto.api().upload("/upload", browserToken(browser), TestImages.png(8, 8, 10))
        .json().getJsonArray("urls").getString(0);
    String photoKey = uploaded.substring(uploaded.lastIndexOf('/') + 1);
    assertEquals(404, xphoto.api().get("/image/avatar/" + photoKey).status(), "a photo is not an avatar");
  }

  /** The same account's xphoto token, through /signin. */
  private static String browserToken(ForumClient browser) {
    String username = browser.me().getString("username");
    return xphoto.api().post("/signin", new JsonObject().put("username", username).put("password", PASSWORD)).json().getString("JWTToken");
  }

  @Test
  void anAvatarCanBeSetWithTheXphotoToken() {
    ForumClient browser = member();
    String token = browserToken(browser);
    Api.Reply reply = Api.join(xphoto.api().request(HttpMethod.PUT, "/forum/user/avatar", token).putHeader("Content-Type", "image/png")
        .sendBuffer(Buffer.buffer(TestImages.png(20, 20, 11))).map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(reply.json().getString("resaddr"), browser.me().getString("avatar"));
  }
}
