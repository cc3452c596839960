package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import io.xphoto.db.JsonLists;

import java.util.List;

/**
 * The answer to {@link FaceService#register}: the faces recorded; or, when nothing was recorded, the index of
 * the first source without a face, or the number of faces found in the (one) source when none of them is the
 * face chosen. One of the three fields is set, the others absent. Lists: {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FaceRegistrationResult {

  private List<RecordedFace> faces;
  private Integer noFaceIn;
  private Integer facesFound;

  public FaceRegistrationResult() {
  }

  public FaceRegistrationResult(JsonObject json) {
    FaceRegistrationResultConverter.fromJson(json, this);
    faces = json.getJsonArray("faces") == null ? null : JsonLists.objects(json.getJsonArray("faces"), RecordedFace::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceRegistrationResultConverter.toJson(this, json);
    return faces == null ? json : json.put("faces", JsonLists.of(faces, RecordedFace::toJson));
  }

  static FaceRegistrationResult registered(List<RecordedFace> faces) {
    return new FaceRegistrationResult().setFaces(faces);
  }

  static FaceRegistrationResult noFaceIn(int source) {
    return new FaceRegistrationResult().setNoFaceIn(source);
  }

  static FaceRegistrationResult notAmong(int facesFound) {
    return new FaceRegistrationResult().setFacesFound(facesFound);
  }

  /**
   * The recorded faces, source by source in order, and within a source in the order of {@link FaceOrder};
   * null when nothing was recorded.
   */
  @GenIgnore
  public List<RecordedFace> getFaces() {
    return faces;
  }

  @GenIgnore
  public FaceRegistrationResult setFaces(List<RecordedFace> faces) {
    this.faces = faces;
    return this;
  }

  /** The index of the first source without a face; null unless that is why nothing was recorded. */
  public Integer getNoFaceIn() {
    return noFaceIn;
  }

  public FaceRegistrationResult setNoFaceIn(Integer noFaceIn) {
    this.noFaceIn = noFaceIn;
    return this;
  }

  /**
   * How many faces the source holds when the face chosen (by index or box, {@link FaceChoice}) is none of
   * them; null unless that is why nothing was recorded.
   */
  public Integer getFacesFound() {
    return facesFound;
  }

  public FaceRegistrationResult setFacesFound(Integer facesFound) {
    this.facesFound = facesFound;
    return this;
  }
}
