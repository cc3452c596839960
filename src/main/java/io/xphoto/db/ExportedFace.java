package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One registered face of an account's export. */
@DataObject
@JsonGen(publicConverter = false)
public class ExportedFace {

  private long id;
  private String imageKey;
  private JsonArray box;
  private double score;
  private String created;
  private Buffer embedding;

  public ExportedFace() {
  }

  public ExportedFace(JsonObject json) {
    ExportedFaceConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ExportedFaceConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public ExportedFace setId(long id) {
    this.id = id;
    return this;
  }

  /** Object key of the image the face was found in. */
  public String getImageKey() {
    return imageKey;
  }

  public ExportedFace setImageKey(String imageKey) {
    this.imageKey = imageKey;
    return this;
  }

  /** x1, y1, x2, y2 in pixels of the upright image (a JSON array: a List field's converter does an unchecked cast). */
  public JsonArray getBox() {
    return box;
  }

  public ExportedFace setBox(JsonArray box) {
    this.box = box;
    return this;
  }

  public double getScore() {
    return score;
  }

  public ExportedFace setScore(double score) {
    this.score = score;
    return this;
  }

  /** ISO-8601 instant. */
  public String getCreated() {
    return created;
  }

  public ExportedFace setCreated(String created) {
    this.created = created;
    return this;
  }

  /** 512 little-endian float32; null unless asked for. */
  public Buffer getEmbedding() {
    return embedding;
  }

  public ExportedFace setEmbedding(Buffer embedding) {
    this.embedding = embedding;
    return this;
  }
}
