package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.db.JsonLists;

import java.util.List;

/** A face a registration recorded ({@link FaceRegistrationResult#getFaces}). Lists: {@link JsonLists}. */
@DataObject
@JsonGen(publicConverter = false)
public class RecordedFace {

  private long id;
  private int source;
  private List<Float> box = List.of();
  private float score;

  public RecordedFace() {
  }

  public RecordedFace(JsonObject json) {
    RecordedFaceConverter.fromJson(json, this);
    box = JsonLists.floats(json.getJsonArray("box"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    RecordedFaceConverter.toJson(this, json);
    return json.put("box", new JsonArray(box));
  }

  /** Its id in the library (as {@code FaceStore.listFaces} lists it). */
  public long getId() {
    return id;
  }

  public RecordedFace setId(long id) {
    this.id = id;
    return this;
  }

  /** The index of the source it was found in ({@link ImagesToRegister#getSources}). */
  public int getSource() {
    return source;
  }

  public RecordedFace setSource(int source) {
    this.source = source;
    return this;
  }

  /** {@code [x1, y1, x2, y2]}, in pixels of the upright picture. */
  @GenIgnore
  public List<Float> getBox() {
    return box;
  }

  @GenIgnore
  public RecordedFace setBox(List<Float> box) {
    this.box = box;
    return this;
  }

  /** The detector's confidence, 0 to 1. */
  public float getScore() {
    return score;
  }

  public RecordedFace setScore(float score) {
    this.score = score;
    return this;
  }
}
