package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/** A face of a library, as {@link FaceStore#listFaces} lists it. Lists: {@link JsonLists}. */
@DataObject
@JsonGen(publicConverter = false)
public class RegisteredFace {

  private long id;
  private String imageKey;
  private List<Float> box = List.of();
  private float score;
  private Instant created;

  public RegisteredFace() {
  }

  public RegisteredFace(JsonObject json) {
    RegisteredFaceConverter.fromJson(json, this);
    box = JsonLists.floats(json.getJsonArray("box"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    RegisteredFaceConverter.toJson(this, json);
    return json.put("box", new JsonArray(box));
  }

  public long getId() {
    return id;
  }

  public RegisteredFace setId(long id) {
    this.id = id;
    return this;
  }

  /** Object key of the image the face was found in. */
  public String getImageKey() {
    return imageKey;
  }

  public RegisteredFace setImageKey(String imageKey) {
    this.imageKey = imageKey;
    return this;
  }

  /** {@code [x1, y1, x2, y2]}, in pixels of the upright picture. */
  @GenIgnore
  public List<Float> getBox() {
    return box;
  }

  @GenIgnore
  public RegisteredFace setBox(List<Float> box) {
    this.box = box;
    return this;
  }

  /** The detector's confidence, 0 to 1. */
  public float getScore() {
    return score;
  }

  public RegisteredFace setScore(float score) {
    this.score = score;
    return this;
  }

  /** When it was registered (ISO-8601 in JSON). */
  public Instant getCreated() {
    return created;
  }

  public RegisteredFace setCreated(Instant created) {
    this.created = created;
    return this;
  }
}
