package io.xphoto.faces;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.support.Api;
import io.xphoto.support.FacePhotos;
import io.xphoto.support.FacePhotos.Person;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.CARA;
import static io.xphoto.support.FacePhotos.DORA;
import static io.xphoto.support.FacePhotos.EMMA;
import static io.xphoto.support.FacePhotos.FAYE;
import static io.xphoto.support.FacePhotos.brighter;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.mirrored;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.FacePhotos.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The face library through the HTTP API, on the real models and real photos. */
@ExtendWith(VertxExtension.class)
class FaceLibraryTest {

  private static final String REGISTERED = "register success!";
  private static final double THRESHOLD = 0.5;

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // One face per page: every search loads its library in several pages.
    xphoto = TestInstallation.start(vertx, Map.of("face.threshold", Double.toString(THRESHOLD), "face.load-page", "1"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void everyFaceOfTheGroupPhotosIsFound() {
    String token = xphoto.activeUser(uniqueName("fcount"));
    int[] expected = {3, 3, 3, 3, 5, 4};
    for (int sample = 1; sample <= 6; sample++) {
      Api.Reply reply = search(token, TestAssets.samplePhoto(sample));
      assertEquals(404, reply.status(), reply.toString());
      assertEquals(false, reply.json().getBoolean("isInterested"), "sample" + sample);
      assertEquals(expected[sample - 1], reply.json().getInteger("faces"), "sample" + sample);
      assertEquals(expected[sample - 1], reply.json().getJsonArray("probeFaces").size(), "sample" + sample);
    }
  }

  @Test
  void alteredCopiesOfARegisteredFaceMatchAndOtherPeopleDoNot() {
    String token = xphoto.activeUser(uniqueName("fmatch"));
    Api.Reply registered = register(token, jpeg(portrait(ANNA), 0.9f), jpeg(portrait(BELLA), 0.9f));
    assertEquals(REGISTERED, registered.json().getString("message"));
    assertEquals(2, registered.json().getJsonArray("faces").size(), "the largest face of each image");
    for (Person person : List.of(ANNA, BELLA)) {
      BufferedImage face = portrait(person);
      Map<String, byte[]> copies = Map.of(
          "half size", jpeg(scaled(face, 0.5), 0.9f),
          "quality 60", jpeg(face, 0.6f),
          "mirrored", jpeg(mirrored(face), 0.9f),
          "brighter", jpeg(brighter(face), 0.9f));
      copies.forEach((alteration, bytes) -> {
        Api.Reply reply = search(token, bytes);
        assertEquals(200, reply.status(), person.name() + ", " + alteration + ": " + reply);
        assertTrue(reply.json().getBoolean("isInterested"));
        assertTrue(reply.json().getDouble("score") >= THRESHOLD, reply.toString());
      });
    }
    for (Person stranger : List.of(CARA, DORA, EMMA, FAYE)) {
      Api.Reply reply = search(token, jpeg(portrait(stranger), 0.9f));
      assertEquals(404, reply.status(), stranger.name() + ": " + reply);
      assertEquals(false, reply.json().getBoolean("isInterested"));
      assertTrue(reply.json().getDouble("score") < THRESHOLD, reply.toString());
    }
  }

  @Test
  void aPhoneShotStoredSidewaysIsReadTheWayItIsShown() {
    String token = xphoto.activeUser(uniqueName("forient"));
    register(token, jpeg(portrait(ANNA), 0.9f));
    byte[] sideways = jpeg(FacePhotos.turnedLeft(portrait(ANNA)), 0.9f);
    byte[] upright = TestImages.withSegmentAfterSoi(sideways, TestImages.exifWithGps(6, "phone"));
    Api.Reply reply = search(token, upright);
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.json().getDouble("score") > 0.9, reply.toString());
  }

  @Test
  void anyFaceOfAGroupPhotoMayMatch() {
    String token = xphoto.activeUser(uniqueName("fgroup"));
    register(token, jpeg(portrait(ANNA), 0.9f));
    Api.Reply reply = search(token, TestAssets.samplePhoto(ANNA.sample()));
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(5, reply.json().getInteger("faces"));
    assertEquals(404, search(token, TestAssets.samplePhoto(BELLA.sample())).status());
  }

  @Test
  void imagesWithoutAFaceAreRefusedAndNothingOfTheRequestIsKept() {
    String token = xphoto.activeUser(uniqueName("fnone"));
    for (byte[] faceless : List.of(FacePhotos.flat(320, 240), FacePhotos.noise(320, 240, 7))) {
      Api.Reply reply = xphoto.api().upload("/images-db", token, List.of(
          Map.entry("file", jpeg(portrait(ANNA), 0.9f)), Map.entry("file", faceless)));
      assertEquals(422, reply.status(), reply.toString());
      assertEquals(new JsonObject().put("error", "No face found in file1.bin"), reply.json());
      Api.Reply probe = search(token, faceless);
      assertEquals(422, probe.status(), probe.toString());
      assertEquals(new JsonObject().put("error", "No face found in faceFile"), probe.json());
    }
    assertEquals(0, faces(token).size());
    assertEquals(404, xphoto.api().get("/images", token).status(), "no image of a failed registration is kept");
  }

  @Test
  void nonImagesAndOversizedFilesAreRefused() {
    String token = xphoto.activeUser(uniqueName("fbad"));
    Api.Reply text = register(token, "not a picture at all".getBytes());
    assertEquals(415, text.status(), text.toString());
    assertEquals(new JsonObject().put("error", "File format must be png or jpg!"), text.json());
    assertEquals(415, search(token, "GIF89a not really".getBytes()).status());
    byte[] big = jpeg(FacePhotos.scaled(portrait(ANNA), 1.0), 0.9f);
    byte[] oversized = java.util.Arrays.copyOf(big, 1024 * 1024 + 1);
    Api.Reply tooLarge = register(token, oversized);
    assertEquals(413, tooLarge.status(), tooLarge.toString());
    assertEquals(new JsonObject().put("error", "File size too large. Max is 1MB"), tooLarge.json());
    assertEquals(413, search(token, oversized).status());
    assertEquals(0, faces(token).size());
  }

  @Test
  void librariesArePrivate() {
    String owner = xphoto.activeUser(uniqueName("fown"));
    String other = xphoto.activeUser(uniqueName("foth"));
    register(owner, jpeg(portrait(ANNA), 0.9f));
    Api.Reply reply = search(other, jpeg(mirrored(portrait(ANNA)), 0.9f));
    assertEquals(404, reply.status(), reply.toString());
    assertEquals(Set.of("isInterested", "faces", "probeFaces"), reply.json().fieldNames(),
        "an empty library matches nothing and has no score: " + reply);
    assertEquals(false, reply.json().getBoolean("isInterested"));
    assertEquals(1, reply.json().getInteger("faces"));
    assertEquals(0, faces(other).size());
    long id = faces(owner).getJsonObject(0).getLong("id");
    assertEquals(404, xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images-db/" + id, other), null).status());
    assertEquals(1, faces(owner).size());
  }

  @Test
  void facesAreRegisteredFromTheCallersOwnImageUrlsOnly(Vertx vertx) {
    String owner = xphoto.activeUser(uniqueName("furl"));
    String other = xphoto.activeUser(uniqueName("furo"));
    String annaUrl = uploaded(owner, jpeg(portrait(ANNA), 0.9f));
    String probeUrl = uploaded(owner, jpeg(brighter(portrait(ANNA)), 0.9f));
    Api.Reply byOther = xphoto.api().post("/images-db", new JsonObject().put("file", new JsonArray().add(annaUrl)), other);
    assertEquals(422, byOther.status(), byOther.toString());
    assertEquals(new JsonObject().put("error", "Not one of your images: " + annaUrl), byOther.json());

    AtomicInteger fetched = new AtomicInteger();
    HttpServer outside = Api.join(vertx.createHttpServer()
        .requestHandler(request -> {
          fetched.incrementAndGet();
          request.response().putHeader("Content-Type", "image/jpeg").end(Buffer.buffer(jpeg(portrait(ANNA), 0.9f)));
        })
        .listen(0));
    String outsideUrl = "http://127.0.0.1:" + outside.actualPort() + "/objects/" + "0".repeat(32) + ".jpg";
    Api.Reply byOutsideUrl = xphoto.api().post("/images-db", new JsonObject().put("file", outsideUrl), owner);
    assertEquals(422, byOutsideUrl.status(), byOutsideUrl.toString());
    assertEquals(0, fetched.get(), "the server never fetches a URL");
    Api.join(outside.close());
    assertEquals(0, faces(owner).size());

    Api.Reply registered = xphoto.api().post("/images-db", new JsonObject().put("file", new JsonArray().add(annaUrl)), owner);
    assertEquals(201, registered.status(), registered.toString());
    assertEquals(REGISTERED, registered.json().getString("message"));
    JsonArray listed = faces(owner);
    assertEquals(1, listed.size());
    assertEquals(annaUrl, listed.getJsonObject(0).getString("image"));

    Api.Reply found = xphoto.api().post("/images-db/search", new JsonObject().put("faceFile", probeUrl), owner);
    assertEquals(200, found.status(), found.toString());
    assertEquals(true, found.json().getBoolean("isInterested"));
  }

  @Test
  void facesAreListedAndDeleted() {
    String token = xphoto.activeUser(uniqueName("flist"));
    register(token, jpeg(portrait(ANNA), 0.9f), jpeg(portrait(BELLA), 0.9f));
    JsonArray listed = faces(token);
    assertEquals(2, listed.size());
    JsonObject anna = listed.getJsonObject(0);
    assertTrue(anna.getLong("id") > 0);
    assertTrue(anna.getString("image").startsWith(xphoto.server().settings().string("public.url") + "/objects/"), anna.encode());
    assertEquals(4, anna.getJsonArray("box").size());
    assertTrue(anna.getString("created").matches("\\d{4}-\\d\\d-\\d\\dT.*"), anna.encode());
    assertEquals(2, xphoto.api().get("/images", token).json().getJsonArray("urls").size(), "registered files are stored");
    assertEquals(200, xphoto.api().getAbsolute(anna.getString("image")).status());

    byte[] annaProbe = jpeg(mirrored(portrait(ANNA)), 0.9f);
    assertEquals(200, search(token, annaProbe).status());
    Api.Reply deleted = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images-db/" + anna.getLong("id"), token), null);
    assertEquals(200, deleted.status(), deleted.toString());
    assertEquals(404, search(token, annaProbe).status(), "a deleted face no longer matches");
    assertEquals(200, search(token, jpeg(mirrored(portrait(BELLA)), 0.9f)).status());
    assertEquals(1, faces(token).size());
    assertEquals(404, xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images-db/" + anna.getLong("id"), token), null).status());
    assertEquals(404, xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images-db/nonsense", token), null).status());
  }

  @Test
  void eightSearchesAtOnceAllAnswerRight() {
    String token = xphoto.activeUser(uniqueName("fpar"));
    register(token, jpeg(portrait(BELLA), 0.9f));
    byte[] bella = jpeg(scaled(portrait(BELLA), 0.5), 0.9f);
    byte[] stranger = jpeg(portrait(DORA), 0.9f);
    List<Future<Api.Reply>> replies = IntStream.range(0, 8)
        .mapToObj(i -> searchAsync(token, i % 2 == 0 ? bella : stranger))
        .toList();
    for (int i = 0; i < 8; i++) {
      Api.Reply reply = Api.join(replies.get(i));
      assertEquals(i % 2 == 0 ? 200 : 404, reply.status(), "search " + i + ": " + reply);
    }
  }

  @Test
  void theLibraryNeedsASignedInUser() {
    assertEquals(401, xphoto.api().upload("/images-db", null, jpeg(portrait(ANNA), 0.9f)).status());
    assertEquals(401, xphoto.api().get("/images-db").status());
    assertEquals(401, xphoto.api().post("/images-db/search", new JsonObject().put("faceFile", "x")).status());
  }

  /**
   * A registration that reaches a face worker twice (FaceWorkers sends it again to another worker when the
   * first one's node leaves before it answers, having recorded it or not) is recorded once: both answers,
   * even at the same moment, name the same face, and the library holds one.
   */
  @Test
  void aRegistrationSentTwiceWithOneRequestIdIsRecordedOnce() {
    String token = xphoto.activeUser(uniqueName("fonce"));
    long owner = Long.parseLong(String.valueOf(xphoto.api().get("/userInfo", token).json().getValue("id")));
    String url = uploaded(token, jpeg(portrait(CARA), 0.9f));
    String key = ObjectKeys.fromUrl(url).orElseThrow();
    FaceService worker = FaceService.proxy(xphoto.server().vertx(), "local");
    ImagesToRegister registration = new ImagesToRegister().setSources(List.of(ImageSource.stored(key)));
    String requestId = UUID.randomUUID().toString();

    List<Future<FaceRegistrationResult>> together = List.of(worker.register(owner, requestId, registration),
        worker.register(owner, requestId, registration));
    JsonObject first = Api.join(together.get(0)).toJson();
    assertEquals(1, first.getJsonArray("faces").size(), first.encode());
    assertEquals(first, Api.join(together.get(1)).toJson());
    assertEquals(first, Api.join(worker.register(owner, requestId, registration)).toJson(), "sent again later");

    JsonArray library = faces(token);
    assertEquals(1, library.size(), library.encode());
    assertEquals(first.getJsonArray("faces").getJsonObject(0).getLong("id"), library.getJsonObject(0).getLong("id"));
    assertEquals(201, xphoto.api().post("/images-db", new JsonObject().put("file", url), token).status(),
        "a new registration of the same image is a new one");
    assertEquals(2, faces(token).size());
  }

  private static Api.Reply register(String token, byte[]... files) {
    return xphoto.api().upload("/images-db", token, files);
  }

  private static Api.Reply search(String token, byte[] probe) {
    return xphoto.api().upload("/images-db/?search", token, List.of(Map.entry("faceFile", probe)));
  }

  private static Future<Api.Reply> searchAsync(String token, byte[] probe) {
    MultipartForm form = MultipartForm.create()
        .binaryFileUpload("faceFile", "probe.jpg", Buffer.buffer(probe), "image/jpeg");
    return xphoto.api().request(HttpMethod.POST, "/images-db/?search", token).sendMultipartForm(form)
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body()));
  }

  private static JsonArray faces(String token) {
    Api.Reply reply = xphoto.api().get("/images-db", token);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("faces");
  }

  private static String uploaded(String token, byte[] image) {
    Api.Reply reply = xphoto.api().upload("/upload", token, image);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("urls").getString(0);
  }
}
