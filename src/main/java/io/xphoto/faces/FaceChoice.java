package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.db.JsonLists;

import java.util.List;

/**
 * Which faces of an image a registration records ({@link ImagesToRegister#getFace}): every face, the face at
 * an index of {@link FaceOrder}, or the face a box points at ({@link FaceOrder#at}). Exactly one is set.
 * Lists: {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FaceChoice {

  private boolean all;
  private Integer index;
  private List<Float> box;

  public FaceChoice() {
  }

  public FaceChoice(JsonObject json) {
    FaceChoiceConverter.fromJson(json, this);
    JsonArray given = json.getJsonArray("box");
    box = given == null ? null : JsonLists.floats(given);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceChoiceConverter.toJson(this, json);
    return box == null ? json : json.put("box", new JsonArray(box));
  }

  public static FaceChoice everyFace() {
    return new FaceChoice().setAll(true);
  }

  public static FaceChoice index(int index) {
    return new FaceChoice().setIndex(index);
  }

  /** {@code box}: {@code [x1, y1, x2, y2]} in pixels of the upright picture. */
  public static FaceChoice box(List<Float> box) {
    return new FaceChoice().setBox(box);
  }

  /** Every face found. */
  public boolean isAll() {
    return all;
  }

  public FaceChoice setAll(boolean all) {
    this.all = all;
    return this;
  }

  /** The index of the face in the order of {@link FaceOrder}, from 0; null when not chosen so. */
  public Integer getIndex() {
    return index;
  }

  public FaceChoice setIndex(Integer index) {
    this.index = index;
    return this;
  }

  /** {@code [x1, y1, x2, y2]}, in pixels of the upright picture; null when not chosen so. */
  @GenIgnore
  public List<Float> getBox() {
    return box;
  }

  @GenIgnore
  public FaceChoice setBox(List<Float> box) {
    this.box = box;
    return this;
  }
}
