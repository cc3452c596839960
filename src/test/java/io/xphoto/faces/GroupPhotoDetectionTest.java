package io.xphoto.faces;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.images.Image;
import io.xphoto.support.Api;
import io.xphoto.support.GroupPhotos;
import io.xphoto.support.GroupPhotos.Box;
import io.xphoto.support.GroupPhotos.Photo;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.jpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Detection on group photos with small faces, through the HTTP API on the real models: the annotated photos of
 * {@code src/test/resources/faces/group-photos.json} (GroupPhotos). A search answers how many faces the probe
 * holds; a registration keeps the largest face and {@code GET /images-db} lists its box, which is how these
 * tests see boxes through the API.
 */
@ExtendWith(VertxExtension.class)
class GroupPhotoDetectionTest {

  /** A detected box matches an annotated face from this overlap (intersection over union). */
  private static final double SAME_FACE = 0.4;

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of());
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void everyFaceOfPartyPhotosWithSmallFacesIsFoundWithItsBox() {
    String token = xphoto.activeUser(uniqueName("gcount"));
    for (String name : List.of("party-640", "party-1280")) {
      Photo photo = GroupPhotos.named(name);
      Api.Reply reply = search(token, photo.jpeg(0.9f));
      assertEquals(404, reply.status(), name + ": " + reply);
      assertEquals(false, reply.json().getBoolean("isInterested"), name);
      assertEquals(photo.faces().size(), reply.json().getInteger("faces"), name);
      List<Box> left = new ArrayList<>(photo.faces());
      for (Object found : reply.json().getJsonArray("probeFaces")) {
        JsonArray listed = ((JsonObject) found).getJsonArray("box");
        Box box = new Box(listed.getDouble(0), listed.getDouble(1), listed.getDouble(2), listed.getDouble(3));
        Box annotated = left.stream().max(Comparator.comparingDouble(box::iou)).orElseThrow();
        assertTrue(box.iou(annotated) >= SAME_FACE, name + ": probe box " + box + " matches no annotated face left");
        left.remove(annotated);
      }
      assertTrue(left.isEmpty(), name + ": annotated faces without a probe box: " + left);
    }
  }

  /**
   * Every box of a 22-face photo (faces 24-37 px wide), largest first: each registration keeps the largest face
   * left, whose box {@code GET /images-db} lists; that face is then painted over for the next registration.
   */
  @Test
  void everyBoxOfAPartyPhotoMatchesItsAnnotation() {
    String token = xphoto.activeUser(uniqueName("gboxes"));
    Photo photo = GroupPhotos.named("party-640");
    BufferedImage picture = copy(photo.picture());
    List<Box> left = new ArrayList<>(photo.faces());
    for (int registered = 1; registered <= photo.faces().size(); registered++) {
      Api.Reply reply = xphoto.api().upload("/images-db", token, jpeg(picture, 0.9f));
      assertEquals(201, reply.status(), "registration " + registered + ": " + reply);
      JsonArray faces = faces(token);
      assertEquals(registered, faces.size());
      JsonArray listed = faces.getJsonObject(registered - 1).getJsonArray("box");
      Box box = new Box(listed.getDouble(0), listed.getDouble(1), listed.getDouble(2), listed.getDouble(3));
      Box annotated = left.stream().max(Comparator.comparingDouble(box::iou)).orElseThrow();
      assertTrue(box.iou(annotated) >= SAME_FACE, "registration " + registered + ": box " + box
          + " matches no annotated face left (best " + annotated + ", IoU " + box.iou(annotated) + ")");
      left.remove(annotated);
      paintOver(picture, annotated);
    }
    assertTrue(left.isEmpty());
    Api.Reply none = search(token, jpeg(picture, 0.9f));
    assertEquals(422, none.status(), "with every annotated face painted over, no face is left: " + none);
  }

  @Test
  void noFaceIsFoundInFacelessPictures() {
    String token = xphoto.activeUser(uniqueName("gnone"));
    List<byte[]> pictures = new ArrayList<>();
    for (String name : GroupPhotos.faceless()) {
      pictures.add(TestAssets.photo(name));
    }
    pictures.add(GroupPhotos.named("faceless-1600").jpeg(0.9f));
    for (byte[] picture : pictures) {
      Api.Reply reply = search(token, picture);
      assertEquals(422, reply.status(), reply.toString());
      assertEquals(new JsonObject().put("error", "No face found in faceFile"), reply.json());
    }
  }

  @Test
  void aTwelveMegapixelPhotoWithTenFacesIsSearched() {
    String token = xphoto.activeUser(uniqueName("g12mp"));
    Photo photo = GroupPhotos.speed();
    assertEquals(12_000_000, photo.picture().getWidth() * photo.picture().getHeight());
    Api.Reply reply = search(token, photo.jpegWithin(Image.MAX_BYTES));
    assertEquals(404, reply.status(), reply.toString());
    assertEquals(10, reply.json().getInteger("faces"), reply.toString());
  }

  private static Api.Reply search(String token, byte[] probe) {
    return xphoto.api().upload("/images-db/?search", token, List.of(Map.entry("faceFile", probe)));
  }

  private static JsonArray faces(String token) {
    Api.Reply reply = xphoto.api().get("/images-db", token);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("faces");
  }

  private static BufferedImage copy(BufferedImage picture) {
    BufferedImage copy = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = copy.createGraphics();
    g.drawImage(picture, 0, 0, null);
    g.dispose();
    return copy;
  }

  private static void paintOver(BufferedImage picture, Box face) {
    Graphics2D g = picture.createGraphics();
    g.setColor(new Color(0x808080));
    double margin = face.width() * 0.15;
    g.fillRect((int) (face.x1() - margin), (int) (face.y1() - margin), (int) (face.width() + 2 * margin),
        (int) (face.y2() - face.y1() + 2 * margin));
    g.dispose();
  }
}
