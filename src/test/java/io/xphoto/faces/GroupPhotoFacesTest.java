package io.xphoto.faces;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.FacePhotos.Person;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.FAYE;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.mirrored;
import static io.xphoto.support.FacePhotos.portrait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Searches that say which face matched where, and registrations that choose faces of a group photo, through
 * the HTTP API on the real models and the sample photos (FAYE is one of the faces of sample 1).
 */
@ExtendWith(VertxExtension.class)
class GroupPhotoFacesTest {

  private static final double THRESHOLD = 0.5;
  private static final int GROUP = FAYE.sample();

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("face.threshold", Double.toString(THRESHOLD)));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void aSearchSaysWhichProbeFaceMatchedWhichRegisteredFace() {
    String token = xphoto.activeUser(uniqueName("gwhich"));
    Api.Reply registered = xphoto.api().upload("/images-db", token, jpeg(portrait(ANNA), 0.9f));
    assertEquals(201, registered.status(), registered.toString());
    JsonObject anna = single(registered.json().getJsonArray("faces"));
    assertEquals(anna, withoutScoreAndTime(faces(token).getJsonObject(0)), "the answer names the face as the list does");

    byte[] group = TestAssets.samplePhoto(ANNA.sample());
    Api.Reply found = search(token, group);
    assertEquals(200, found.status(), found.toString());
    JsonObject answer = found.json();
    assertEquals(true, answer.getBoolean("isInterested"));
    JsonArray probeFaces = answer.getJsonArray("probeFaces");
    assertEquals(answer.getInteger("faces"), probeFaces.size());
    assertTrue(probeFaces.size() > 1, answer.encode());
    JsonObject match = answer.getJsonObject("match");
    assertEquals(anna, match.getJsonObject("libraryFace"));
    int index = match.getJsonObject("probeFace").getInteger("index");
    JsonArray box = match.getJsonObject("probeFace").getJsonArray("box");
    assertEquals(probeFaces.getJsonObject(index).getJsonArray("box"), box);
    assertTrue(iou(box, ANNA) > 0.5, "the box is Anna's, inside the probe: " + box);
    assertTrue(answer.getDouble("score") >= THRESHOLD, answer.encode());
    assertLargestFirst(probeFaces);

    Api.Reply notFound = search(token, TestAssets.samplePhoto(BELLA.sample()));
    assertEquals(404, notFound.status(), notFound.toString());
    assertEquals(Set.of("isInterested", "score", "faces", "probeFaces"), notFound.json().fieldNames());
    assertTrue(notFound.json().getDouble("score") < THRESHOLD, notFound.toString());
    assertEquals(notFound.json().getInteger("faces"), notFound.json().getJsonArray("probeFaces").size());
  }

  @Test
  void aFaceChosenByIndexIsTheOneRegisteredAndTheOnlyOneFound() {
    String token = xphoto.activeUser(uniqueName("gindex"));
    JsonArray probeFaces = probeFaces(token, TestAssets.samplePhoto(GROUP));
    int chosen = probeFaces.size() - 1;
    assertNotEquals(indexOf(probeFaces, FAYE), chosen, "not Faye's, the largest: the default would register hers");

    Api.Reply registered = xphoto.api().upload("/images-db?face=" + chosen, token, TestAssets.samplePhoto(GROUP));
    assertEquals(201, registered.status(), registered.toString());
    JsonObject face = single(registered.json().getJsonArray("faces"));
    assertEquals(boxAt(probeFaces, chosen), face.getJsonArray("box"));
    assertEquals(1, faces(token).size());

    assertOnlyThisFaceIsFound(token, probeFaces, chosen, face.getLong("id"));
  }

  @Test
  void aFaceChosenByABoxDrawnLooselyAroundItIsTheOneRegistered() {
    String token = xphoto.activeUser(uniqueName("gbox"));
    JsonArray probeFaces = probeFaces(token, TestAssets.samplePhoto(GROUP));
    int margin = (FAYE.x2() - FAYE.x1()) / 4;
    String box = (FAYE.x1() - margin) + "," + (FAYE.y1() - margin / 2) + "," + (FAYE.x2() + margin) + ".5,"
        + (FAYE.y2() + margin);

    Api.Reply registered = xphoto.api().upload("/images-db?face=" + box, token, TestAssets.samplePhoto(GROUP));
    assertEquals(201, registered.status(), registered.toString());
    JsonObject face = single(registered.json().getJsonArray("faces"));
    int faye = indexOf(probeFaces, FAYE);
    assertEquals(boxAt(probeFaces, faye), face.getJsonArray("box"));

    assertOnlyThisFaceIsFound(token, probeFaces, faye, face.getLong("id"));
  }

  /** A portrait of the face registered is found as that face; portraits of the other faces of the photo are not. */
  private static void assertOnlyThisFaceIsFound(String token, JsonArray probeFaces, int registered, long id) {
    assertFoundAs(token, jpeg(mirrored(portrait(person(probeFaces, registered))), 0.9f), id);
    for (int other = 0; other < probeFaces.size(); other++) {
      if (other != registered) {
        Api.Reply reply = search(token, jpeg(mirrored(portrait(person(probeFaces, other))), 0.9f));
        assertEquals(404, reply.status(), "face " + other + " of the photo: " + reply);
      }
    }
  }

  @Test
  void allRegistersEveryFaceAndNoChoiceStillTheLargest() {
    String token = xphoto.activeUser(uniqueName("gall"));
    byte[] group = TestAssets.samplePhoto(GROUP);
    JsonArray probeFaces = probeFaces(token, group);

    Api.Reply everyFace = xphoto.api().upload("/images-db?face=all", token, group);
    assertEquals(201, everyFace.status(), everyFace.toString());
    JsonArray recorded = everyFace.json().getJsonArray("faces");
    assertEquals(probeFaces.size(), recorded.size());
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < recorded.size(); i++) {
      assertEquals(boxAt(probeFaces, i), recorded.getJsonObject(i).getJsonArray("box"), "in the order of a search");
      assertEquals(recorded.getJsonObject(0).getString("image"), recorded.getJsonObject(i).getString("image"), "one image");
      ids.add(recorded.getJsonObject(i).getLong("id"));
    }
    assertEquals(recorded.size(), ids.size());
    assertEquals(recorded.size(), faces(token).size());
    assertFoundAs(token, jpeg(mirrored(portrait(FAYE)), 0.9f),
        recorded.getJsonObject(indexOf(probeFaces, FAYE)).getLong("id"));

    String other = xphoto.activeUser(uniqueName("gdflt"));
    Api.Reply largest = xphoto.api().upload("/images-db", other, group);
    assertEquals(201, largest.status(), largest.toString());
    assertEquals(boxAt(probeFaces, 0), single(largest.json().getJsonArray("faces")).getJsonArray("box"),
        "without a choice the largest face, as before");

    String two = xphoto.activeUser(uniqueName("gtwo"));
    Api.Reply twoImages = xphoto.api().upload("/images-db?face=all", two, jpeg(portrait(ANNA), 0.9f), group);
    assertEquals(201, twoImages.status(), twoImages.toString());
    JsonArray both = twoImages.json().getJsonArray("faces");
    assertEquals(1 + probeFaces.size(), both.size());
    assertNotEquals(both.getJsonObject(0).getString("image"), both.getJsonObject(1).getString("image"));
  }

  @Test
  void choicesThatNameNoFaceAreRefusedAndNothingOfTheRequestIsKept() {
    String token = xphoto.activeUser(uniqueName("gbad"));
    byte[] group = TestAssets.samplePhoto(GROUP);
    int found = probeFaces(token, group).size();

    assertRefused(xphoto.api().upload("/images-db?face=" + found, token, group),
        "没有序号为 " + found + " 的人脸：图片中找到 " + found + " 张人脸（序号从 0 开始）。");
    assertRefused(xphoto.api().upload("/images-db?face=0,0,40,40", token, group),
        "所给的人脸框内没有人脸：图片中找到 " + found + " 张人脸。");
    String malformed = "face 参数错误：应为人脸序号（从 0 开始的整数）、人脸框 x1,y1,x2,y2 或 all。";
    for (String query : List.of("face=-1", "face=one", "face=ALL", "face=1,2,3", "face=100,10,50,80", "face=",
        "face=0&face=1", "face=1e3,0,2e3,10")) {
      assertRefused(xphoto.api().upload("/images-db?" + query, token, group), malformed);
    }
    assertRefused(xphoto.api().upload("/images-db?face=0", token, group, jpeg(portrait(ANNA), 0.9f)),
        "按序号或人脸框选择人脸时只能注册一张图片。");
    assertEquals(0, faces(token).size());
    assertEquals(404, xphoto.api().get("/images", token).status(), "no image of a refused registration is kept");

    Api.Reply upload = xphoto.api().upload("/upload", token, jpeg(portrait(ANNA), 0.9f));
    String url = upload.json().getJsonArray("urls").getString(0);
    assertRefused(xphoto.api().post("/images-db?face=1", new JsonObject().put("file", url), token),
        "没有序号为 1 的人脸：图片中找到 1 张人脸（序号从 0 开始）。");
    assertRefused(xphoto.api().post("/images-db?face=x", new JsonObject().put("file", url), token), malformed);
    assertRefused(xphoto.api().post("/images-db?face=0", new JsonObject().put("file", new JsonArray().add(url).add(url + "x")),
        token), "按序号或人脸框选择人脸时只能注册一张图片。");
    assertEquals(0, faces(token).size());
    assertEquals(1, xphoto.api().get("/images", token).json().getJsonArray("urls").size(), "only the uploaded image");

    Api.Reply byUrl = xphoto.api().post("/images-db?face=0", new JsonObject().put("file", url), token);
    assertEquals(201, byUrl.status(), byUrl.toString());
    assertEquals(url, single(byUrl.json().getJsonArray("faces")).getString("image"));
  }

  private static void assertRefused(Api.Reply reply, String message) {
    assertEquals(422, reply.status(), reply.toString());
    assertEquals(new JsonObject().put("error", message), reply.json());
  }

  private static void assertFoundAs(String token, byte[] probe, long id) {
    Api.Reply reply = search(token, probe);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(id, reply.json().getJsonObject("match").getJsonObject("libraryFace").getLong("id"), reply.toString());
  }

  private static void assertLargestFirst(JsonArray probeFaces) {
    for (int i = 1; i < probeFaces.size(); i++) {
      assertFalse(area(boxAt(probeFaces, i)) > area(boxAt(probeFaces, i - 1)), probeFaces.encode());
    }
  }

  /** The probe faces a search of the photo with an empty library answers. */
  private static JsonArray probeFaces(String token, byte[] photo) {
    Api.Reply reply = search(token, photo);
    assertEquals(404, reply.status(), reply.toString());
    return reply.json().getJsonArray("probeFaces");
  }

  private static Api.Reply search(String token, byte[] probe) {
    return xphoto.api().upload("/images-db/?search", token, List.of(Map.entry("faceFile", probe)));
  }

  private static JsonArray faces(String token) {
    Api.Reply reply = xphoto.api().get("/images-db", token);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("faces");
  }

  private static JsonObject single(JsonArray faces) {
    assertEquals(1, faces.size(), faces.encode());
    JsonObject face = faces.getJsonObject(0);
    assertEquals(Set.of("id", "image", "box"), face.fieldNames());
    return face;
  }

  private static JsonObject withoutScoreAndTime(JsonObject listed) {
    JsonObject copy = listed.copy();
    copy.remove("score");
    copy.remove("created");
    return copy;
  }

  private static JsonArray boxAt(JsonArray probeFaces, int index) {
    return probeFaces.getJsonObject(index).getJsonArray("box");
  }

  /** The index of the probe face that is this person's. */
  private static int indexOf(JsonArray probeFaces, Person person) {
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < probeFaces.size(); i++) {
      if (iou(boxAt(probeFaces, i), person) > 0.5) {
        matching.add(i);
      }
    }
    assertEquals(1, matching.size(), person.name() + " in " + probeFaces.encode());
    return matching.get(0);
  }

  /** The face at an index of the group photo, as a person whose portrait can be cut. */
  private static Person person(JsonArray probeFaces, int index) {
    JsonArray box = boxAt(probeFaces, index);
    return new Person("face " + index, GROUP, box.getInteger(0), box.getInteger(1), box.getInteger(2), box.getInteger(3));
  }

  private static double iou(JsonArray box, Person person) {
    double w = Math.min(box.getDouble(2), person.x2()) - Math.max(box.getDouble(0), person.x1());
    double h = Math.min(box.getDouble(3), person.y2()) - Math.max(box.getDouble(1), person.y1());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double overlap = w * h;
    double personArea = (double) (person.x2() - person.x1()) * (person.y2() - person.y1());
    return overlap / (area(box) + personArea - overlap);
  }

  private static double area(JsonArray box) {
    return (box.getDouble(2) - box.getDouble(0)) * (box.getDouble(3) - box.getDouble(1));
  }
}
