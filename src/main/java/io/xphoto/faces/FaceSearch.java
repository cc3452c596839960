package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The answer to a search ({@link FaceService#searchStored}, a probe's {@code search}). */
@DataObject
@JsonGen(publicConverter = false)
public class FaceSearch {

  private int faces;
  private boolean matched;
  private Double score;

  public FaceSearch() {
  }

  public FaceSearch(JsonObject json) {
    FaceSearchConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceSearchConverter.toJson(this, json);
    return json;
  }

  /** Faces found in the probe. */
  public int getFaces() {
    return faces;
  }

  public FaceSearch setFaces(int faces) {
    this.faces = faces;
    return this;
  }

  /** Whether the best similarity reaches {@code face.threshold}. */
  public boolean isMatched() {
    return matched;
  }

  public FaceSearch setMatched(boolean matched) {
    this.matched = matched;
    return this;
  }

  /**
   * The best cosine similarity between a face of the probe and one of the library; null (absent in JSON) when
   * the probe has no face or the library is empty.
   */
  public Double getScore() {
    return score;
  }

  public FaceSearch setScore(Double score) {
    this.score = score;
    return this;
  }
}
