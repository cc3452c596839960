package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import io.xphoto.db.JsonLists;

import java.util.List;

/**
 * The answer to {@link FaceService#register}: the ids of the faces recorded, or the index of the first source
 * without a face (then nothing was recorded). One of the two fields is set, the other absent. Lists:
 * {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FaceRegistrationResult {

  private List<Long> faceIds;
  private Integer noFaceIn;

  public FaceRegistrationResult() {
  }

  public FaceRegistrationResult(JsonObject json) {
    FaceRegistrationResultConverter.fromJson(json, this);
    JsonArray ids = json.getJsonArray("faceIds");
    faceIds = ids == null ? null : JsonLists.longs(ids);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceRegistrationResultConverter.toJson(this, json);
    return faceIds == null ? json : json.put("faceIds", new JsonArray(faceIds));
  }

  static FaceRegistrationResult registered(List<Long> faceIds) {
    return new FaceRegistrationResult().setFaceIds(faceIds);
  }

  static FaceRegistrationResult noFaceIn(int source) {
    return new FaceRegistrationResult().setNoFaceIn(source);
  }

  /** The recorded faces' ids, one per source in order; null when nothing was recorded. */
  @GenIgnore
  public List<Long> getFaceIds() {
    return faceIds;
  }

  @GenIgnore
  public FaceRegistrationResult setFaceIds(List<Long> faceIds) {
    this.faceIds = faceIds;
    return this;
  }

  /** The index of the first source without a face; null when the faces were recorded. */
  public Integer getNoFaceIn() {
    return noFaceIn;
  }

  public FaceRegistrationResult setNoFaceIn(Integer noFaceIn) {
    this.noFaceIn = noFaceIn;
    return this;
  }
}
