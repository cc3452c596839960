package io.xphoto.images;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.Jwts;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.concat;
import static io.xphoto.support.TestImages.contains;
import static io.xphoto.support.TestImages.decode;
import static io.xphoto.support.TestImages.exifWithGps;
import static io.xphoto.support.TestImages.jpeg;
import static io.xphoto.support.TestImages.pixelFloodPng;
import static io.xphoto.support.TestImages.png;
import static io.xphoto.support.TestImages.withChunkAfterHeader;
import static io.xphoto.support.TestImages.withSegmentAfterSoi;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads to the default local-disk store, through the HTTP API. */
@ExtendWith(VertxExtension.class)
class UploadTest {

  private static final JsonObject NOT_AN_IMAGE = new JsonObject().put("error", "File format must be png or jpg!");
  private static final JsonObject TOO_LARGE = new JsonObject().put("error", "File size too large. Max is 1MB");

  private static TestInstallation xphoto;
  private static Path objects;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of());
    objects = Path.of(xphoto.server().settings().string("data.dir"), "objects");
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void anUploadRefusedBeforeItsBodyIsReadStillGetsItsAnswer() {
    byte[] megabyte = new byte[1024 * 1024];
    new java.util.Random(3).nextBytes(megabyte);
    for (int i = 0; i < 5; i++) {
      Api.Reply reply = xphoto.api().upload("/upload", null, megabyte, megabyte, megabyte);
      assertEquals(401, reply.status(), "the answer arrives, the connection is not reset under the sender");
    }
  }

  @Test
  void uploadedImagesAreServedByteForByteAndListedNewestFirst() {
    String token = xphoto.activeUser(uniqueName("uma"));
    byte[] first = png(40, 30, 1);
    byte[] second = jpeg(64, 48, 2);
    Api.Reply reply = xphoto.api().upload("/upload", token, first, second);
    assertEquals(200, reply.status(), reply.toString());
    List<String> urls = urls(reply);
    assertEquals(2, urls.size());
    String base = xphoto.server().settings().string("public.url") + "/objects/";
    assertTrue(urls.get(0).matches(java.util.regex.Pattern.quote(base) + "[0-9a-f]{32}\\.png"), urls.get(0));
    assertTrue(urls.get(1).matches(java.util.regex.Pattern.quote(base) + "[0-9a-f]{32}\\.jpg"), urls.get(1));

    Api.Reply png = xphoto.api().getAbsolute(urls.get(0));
    assertEquals(200, png.status());
    assertEquals("image/png", png.header("Content-Type"));
    assertArrayEquals(first, png.body().getBytes());
    assertTrue(png.header("Cache-Control").contains("max-age="));
    assertEquals("\"" + urls.get(0).substring(base.length()) + "\"", png.header("ETag"));
    Api.Reply jpg = xphoto.api().getAbsolute(urls.get(1));
    assertEquals("image/jpeg", jpg.header("Content-Type"));
    assertArrayEquals(second, jpg.body().getBytes());

    Api.Reply listed = xphoto.api().get("/images", token);
    assertEquals(200, listed.status());
    assertEquals(List.of(urls.get(1), urls.get(0)), urls(listed));

    Api.Reply later = xphoto.api().upload("/upload", token, png(10, 10, 3));
    assertEquals(urls(later).get(0), urls(xphoto.api().get("/images", token)).get(0));
  }

  @Test
  void eachImageHasARowDescribingItsStoredBytes() throws Exception {
    String token = xphoto.activeUser(uniqueName("rowan"));
    byte[] withGps = withSegmentAfterSoi(jpeg(33, 21, 4), exifWithGps(1, "row-test-place"));
    List<String> urls = urls(xphoto.api().upload("/upload", token, png(40, 30, 5), withGps));
    DatabaseTarget db = xphoto.server().database().orElseThrow().target();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement select = connection.prepareStatement(
             "SELECT owner_id, content_type, bytes, width, height, sha256 FROM images WHERE object_key = ?")) {
      for (int i = 0; i < urls.size(); i++) {
        byte[] served = xphoto.api().getAbsolute(urls.get(i)).body().getBytes();
        select.setString(1, urls.get(i).substring(urls.get(i).lastIndexOf('/') + 1));
        try (ResultSet row = select.executeQuery()) {
          assertTrue(row.next(), urls.get(i));
          assertEquals(Long.parseLong(Jwts.payload(token).getString("id")), row.getLong("owner_id"));
          assertEquals(i == 0 ? "image/png" : "image/jpeg", row.getString("content_type"));
          assertEquals(served.length, row.getInt("bytes"));
          assertTrue(i == 0 || served.length < withGps.length, "the JPEG's metadata was stripped");
          assertEquals(i == 0 ? 40 : 33, row.getInt("width"));
          assertEquals(i == 0 ? 30 : 21, row.getInt("height"));
          assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(served), row.getBytes("sha256"),
              "the hash is that of the bytes stored (metadata stripped), not of those uploaded");
        }
      }
    }
  }

  @Test
  void rangeRequestsAreServed() {
    String token = xphoto.activeUser(uniqueName("victor"));
    byte[] image = png(50, 50, 4);
    String url = urls(xphoto.api().upload("/upload", token, image)).get(0);
    var request = xphoto.api().request(HttpMethod.GET, url.substring(url.indexOf("/objects/")), null);
    request.putHeader("Range", "bytes=8-15");
    Api.Reply part = xphoto.api().send(request, null);
    assertEquals(206, part.status());
    assertArrayEquals(Arrays.copyOfRange(image, 8, 16), part.body().getBytes());
  }

  @Test
  void gpsAndTextMetadataAreStrippedWithoutReencoding() {
    String token = xphoto.activeUser(uniqueName("wendy"));
    byte[] plainJpeg = jpeg(80, 60, 5);
    byte[] jpegWithGps = withSegmentAfterSoi(plainJpeg, exifWithGps(6, "SECRET-PLACE"));
    byte[] plainPng = png(30, 20, 6);
    byte[] pngWithText = withChunkAfterHeader(
        withChunkAfterHeader(plainPng, "tEXt", "Location\0SECRET-PLACE".getBytes(StandardCharsets.ISO_8859_1)),
        "eXIf", "MM\0*SECRET-PLACE".getBytes(StandardCharsets.ISO_8859_1));

    List<String> urls = urls(xphoto.api().upload("/upload", token, jpegWithGps, pngWithText));
    byte[] servedJpeg = xphoto.api().getAbsolute(urls.get(0)).body().getBytes();
    byte[] servedPng = xphoto.api().getAbsolute(urls.get(1)).body().getBytes();

    assertFalse(contains(servedJpeg, "SECRET-PLACE"));
    assertEquals(6, Exif.orientation(servedJpeg, exifTiffStart(servedJpeg), servedJpeg.length), "orientation kept");
    assertEquals(plainJpeg.length + 36, servedJpeg.length, "only the orientation segment (36 bytes) was added");
    assertPixelsEqual(decode(plainJpeg), decode(servedJpeg));

    assertFalse(contains(servedPng, "SECRET-PLACE"));
    assertArrayEquals(plainPng, servedPng, "removing the chunks gives back the original PNG");
  }

  @Test
  void metadataIsKeptWhenConfigured(Vertx vertx) throws Exception {
    try (XphotoServer keeping = TestServer.start(xphoto.mailbox().port(), Map.of("keep.metadata", "true"))) {
      Api keepingApi = new Api(vertx, keeping);
      String token = activeUser(keepingApi, xphoto.mailbox(), uniqueName("xena"));
      byte[] jpegWithGps = withSegmentAfterSoi(jpeg(20, 20, 7), exifWithGps(1, "KEPT-PLACE"));
      String url = urls(keepingApi.upload("/upload", token, jpegWithGps)).get(0);
      assertArrayEquals(jpegWithGps, keepingApi.getAbsolute(url).body().getBytes());
    }
  }

  @Test
  void anythingButAWellFormedPngOrJpegIs415() {
    String token = xphoto.activeUser(uniqueName("yann"));
    byte[] goodPng = png(30, 30, 8);
    byte[] corruptPng = goodPng.clone();
    corruptPng[goodPng.length - 20] ^= 0x5a; // inside IDAT: its CRC no longer matches
    byte[] goodJpeg = jpeg(60, 60, 9);
    List<byte[]> refused = List.of(
        "GIF89a\1\0\1\0\0\0\0;".getBytes(StandardCharsets.ISO_8859_1),
        concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[32]),
        "just some text, named photo.png".getBytes(StandardCharsets.UTF_8),
        corruptPng,
        Arrays.copyOf(goodJpeg, goodJpeg.length / 2),
        Arrays.copyOf(goodPng, goodPng.length - 12),
        new byte[0]);
    for (byte[] file : refused) {
      Api.Reply reply = xphoto.api().upload("/upload", token, file);
      assertEquals(415, reply.status(), reply.toString());
      assertEquals(NOT_AN_IMAGE, reply.json());
    }
    assertEquals(404, xphoto.api().get("/images", token).status());
  }

  @Test
  void oneMebibyteIsAllowedAndOneByteMoreIs413() {
    String token = xphoto.activeUser(uniqueName("zoe"));
    byte[] exact = padPng(png(20, 20, 10), 1024 * 1024);
    assertEquals(1024 * 1024, exact.length);
    assertEquals(200, xphoto.api().upload("/upload", token, exact).status());
    Api.Reply over = xphoto.api().upload("/upload", token, padPng(png(20, 20, 10), 1024 * 1024 + 1));
    assertEquals(413, over.status());
    assertEquals(TOO_LARGE, over.json());
    Api.Reply huge = xphoto.api().upload("/upload", token, new byte[5 * 1024 * 1024]);
    assertEquals(413, huge.status());
    assertEquals(1, urls(xphoto.api().get("/images", token)).size());
  }

  @Test
  void aPixelFloodIsRefusedFromItsHeader() {
    String token = xphoto.activeUser(uniqueName("abel"));
    Api.Reply reply = xphoto.api().upload("/upload", token, pixelFloodPng(50_000, 50_000));
    assertEquals(422, reply.status());
    assertEquals("Image too large: 50000x50000 pixels, max is 40 megapixels", reply.json().getString("error"));
  }

  @Test
  void aRequestIsAllOrNothing() throws Exception {
    String token = xphoto.activeUser(uniqueName("beth"));
    long objectsBefore = countObjects();
    for (List<byte[]> files : List.of(
        List.of(png(10, 10, 11), "not an image".getBytes(StandardCharsets.UTF_8), jpeg(10, 10, 12)),
        List.of(png(10, 10, 13), padPng(png(10, 10, 14), 1024 * 1024 + 100)))) {
      Api.Reply reply = xphoto.api().upload("/upload", token, files.toArray(byte[][]::new));
      assertTrue(reply.status() == 415 || reply.status() == 413, reply.toString());
    }
    Api.Reply tooMany = xphoto.api().upload("/upload", token, IntStream.range(0, 21).mapToObj(i -> png(5, 5, i)).toArray(byte[][]::new));
    assertEquals(413, tooMany.status());
    assertEquals(new JsonObject().put("error", "Too many files. Max is 20"), tooMany.json());
    assertEquals(404, xphoto.api().get("/images", token).status());
    assertEquals(objectsBefore, countObjects(), "no object of a refused request remains");
  }

  @Test
  void requestsWithoutFilesAre400AndWithoutTokenAre401() {
    String token = xphoto.activeUser(uniqueName("carl"));
    Api.Reply json = xphoto.api().post("/upload", new JsonObject().put("file", "x"), token);
    assertEquals(400, json.status());
    assertEquals(new JsonObject().put("error", "No file uploaded"), json.json());
    assertEquals(400, xphoto.api().upload("/upload", token, List.of()).status());
    Api.Reply anonymous = xphoto.api().upload("/upload", null, png(10, 10, 15));
    assertEquals(401, anonymous.status());
    assertEquals(new JsonObject().put("error", "未登录或登录已过期。"), anonymous.json());
  }

  @Test
  void imagesAreVisibleAndDeletableByTheirOwnerOnly() {
    String owner = xphoto.activeUser(uniqueName("dina"));
    String other = xphoto.activeUser(uniqueName("emil"));
    String url = urls(xphoto.api().upload("/upload", owner, png(12, 12, 16))).get(0);

    Api.Reply othersList = xphoto.api().get("/images", other);
    assertEquals(404, othersList.status());
    String otherId = Jwts.payload(other).getString("id");
    assertEquals(new JsonObject().put("error", "there is no image about userId: " + otherId), othersList.json());

    Api.Reply stolen = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images?url=" + encode(url), other), null);
    assertEquals(404, stolen.status());
    assertEquals(200, xphoto.api().getAbsolute(url).status());

    Api.Reply deleted = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images?url=" + encode(url), owner), null);
    assertEquals(200, deleted.status());
    assertEquals(404, xphoto.api().getAbsolute(url).status());
    assertEquals(404, xphoto.api().get("/images", owner).status());
    assertEquals(400, xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images", owner), null).status());
  }

  @Test
  void theObjectRouteListsNothingAndEscapesNowhere() {
    for (String path : List.of("/objects/", "/objects", "/objects/../jwt-secret", "/objects/%2e%2e/jwt-secret",
        "/objects/..%2fjwt-secret", "/objects/nothing.png")) {
      Api.Reply reply = xphoto.api().get(path);
      assertEquals(404, reply.status(), path);
      assertFalse(reply.body() != null && contains(reply.body().getBytes(), xphoto.server().settings().string("jwt.secret")), path);
    }
  }

  private static long countObjects() throws Exception {
    try (var files = Files.list(objects)) {
      return files.count();
    }
  }

  /** Where the TIFF structure of the JPEG's EXIF segment starts (after marker, length and "Exif\0\0"). */
  private static int exifTiffStart(byte[] jpeg) {
    for (int i = 2; i + 10 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xe1 && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x') {
        return i + 10;
      }
    }
    throw new AssertionError("no EXIF segment");
  }

  /** The PNG grown to {@code size} bytes with a private ancillary chunk, still well-formed. */
  private static byte[] padPng(byte[] png, int size) {
    byte[] padded = withChunkAfterHeader(png, "prVt", new byte[size - png.length - 12]);
    assertEquals(size, padded.length);
    return padded;
  }

  private static void assertPixelsEqual(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertEquals(expected.getRGB(x, y), actual.getRGB(x, y));
      }
    }
  }

  static List<String> urls(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("urls").stream().map(String.class::cast).toList();
  }

  private static String encode(String url) {
    return java.net.URLEncoder.encode(url, StandardCharsets.UTF_8);
  }
}
