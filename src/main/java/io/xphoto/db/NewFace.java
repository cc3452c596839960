package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A face found in an image, to be recorded by {@link FaceStore#registerFaces}. Lists: {@link JsonLists}. */
@DataObject
@JsonGen(publicConverter = false)
public class NewFace {

  private String imageKey;
  private List<Float> box = List.of();
  private float score;
  private Buffer embedding;

  public NewFace() {
  }

  public NewFace(JsonObject json) {
    NewFaceConverter.fromJson(json, this);
    box = JsonLists.floats(json.getJsonArray("box"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    NewFaceConverter.toJson(this, json);
    return json.put("box", new JsonArray(box));
  }

  /** Object key of the image, an image of the owner. */
  public String getImageKey() {
    return imageKey;
  }

  public NewFace setImageKey(String imageKey) {
    this.imageKey = imageKey;
    return this;
  }

  /** {@code [x1, y1, x2, y2]}, in pixels of the upright picture. */
  @GenIgnore
  public List<Float> getBox() {
    return box;
  }

  @GenIgnore
  public NewFace setBox(List<Float> box) {
    this.box = box;
    return this;
  }

  /** The detector's confidence, 0 to 1. */
  public float getScore() {
    return score;
  }

  public NewFace setScore(float score) {
    this.score = score;
    return this;
  }

  /** 512 little-endian float32 (2048 bytes), L2-normalised. */
  public Buffer getEmbedding() {
    return embedding;
  }

  public NewFace setEmbedding(Buffer embedding) {
    this.embedding = embedding;
    return this;
  }
}
