package io.xphoto.images;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.S3Server;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xphoto.images.UploadTest.urls;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.contains;
import static io.xphoto.support.TestImages.exifWithGps;
import static io.xphoto.support.TestImages.jpeg;
import static io.xphoto.support.TestImages.png;
import static io.xphoto.support.TestImages.withSegmentAfterSoi;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 backend, through the MinIO client, against a real S3 API server (S3Proxy). */
@ExtendWith(VertxExtension.class)
class S3UploadTest {

  private static TestInstallation xphoto;
  private static S3Server s3;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    s3 = S3Server.start();
    xphoto = TestInstallation.start(vertx, s3.settings("photos"));
  }

  @AfterAll
  static void stop() throws Exception {
    xphoto.close();
    s3.close();
  }

  @Test
  void imagesGoToTheBucketAndArePresigned() {
    String token = xphoto.activeUser(uniqueName("fiona"));
    byte[] png = png(33, 22, 20);
    byte[] jpegWithGps = withSegmentAfterSoi(jpeg(40, 40, 21), exifWithGps(1, "S3-SECRET-PLACE"));
    List<String> urls = urls(xphoto.api().upload("/upload", token, png, jpegWithGps));

    for (String url : urls) {
      assertTrue(url.startsWith(s3.endpoint() + "/photos/"), url);
      assertTrue(url.contains("X-Amz-Signature="), url);
    }
    Api.Reply servedPng = xphoto.api().getAbsolute(urls.get(0));
    assertEquals(200, servedPng.status());
    assertEquals("image/png", servedPng.header("Content-Type"));
    assertArrayEquals(png, servedPng.body().getBytes());
    assertFalse(contains(xphoto.api().getAbsolute(urls.get(1)).body().getBytes(), "S3-SECRET-PLACE"));

    List<String> listed = urls(xphoto.api().get("/images", token));
    assertEquals(2, listed.size());
    assertArrayEquals(png, xphoto.api().getAbsolute(listed.get(1)).body().getBytes());

    String unsigned = urls.get(0).substring(0, urls.get(0).indexOf('?'));
    assertEquals(403, xphoto.api().getAbsolute(unsigned).status(), "the bucket is private: only presigned URLs read it");

    Api.Reply deleted = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE,
        "/images?url=" + URLEncoder.encode(listed.get(1), StandardCharsets.UTF_8), token), null);
    assertEquals(200, deleted.status());
    assertEquals(404, xphoto.api().getAbsolute(urls.get(0)).status(), "the object is gone from the bucket");
    assertEquals(1, urls(xphoto.api().get("/images", token)).size());
  }

  @Test
  void aPublicBucketGetsPlainUrls(Vertx vertx) throws Exception {
    Map<String, String> settings = new HashMap<>(s3.settings("public-photos"));
    settings.put("s3.public-url", "https://cdn.example.org/public-photos/");
    try (XphotoServer publicServer = TestServer.start(xphoto.mailbox().port(), settings)) {
      Api publicApi = new Api(vertx, publicServer);
      String token = activeUser(publicApi, xphoto.mailbox(), uniqueName("gabe"));
      String url = urls(publicApi.upload("/upload", token, png(8, 8, 22))).get(0);
      assertTrue(url.matches("https://cdn\\.example\\.org/public-photos/[0-9a-f]{32}\\.png"), url);
    }
  }

  @Test
  void whenTheStoreIsDownUploadsAre503AndLeaveNoRow(Vertx vertx) throws Exception {
    S3Server doomed = S3Server.start();
    try (XphotoServer doomedServer = TestServer.start(xphoto.mailbox().port(), doomed.settings("doomed"))) {
      Api doomedApi = new Api(vertx, doomedServer);
      String token = activeUser(doomedApi, xphoto.mailbox(), uniqueName("hugo"));
      doomed.close();
      Api.Reply reply = doomedApi.upload("/upload", token, png(10, 10, 23), png(10, 10, 24));
      assertEquals(503, reply.status(), reply.toString());
      assertEquals("Image storage is unavailable, please try again later", reply.json().getString("error"));
      assertEquals(404, doomedApi.get("/images", token).status());
    }
  }
}
