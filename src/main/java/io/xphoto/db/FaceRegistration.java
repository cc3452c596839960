package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What {@link FaceStore#registerFaces} records in one transaction: the faces, with the images they were found
 * in when those are new. Lists: {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FaceRegistration {

  private List<ImageRow> images = List.of();
  private List<NewFace> faces = List.of();

  public FaceRegistration() {
  }

  public FaceRegistration(JsonObject json) {
    FaceRegistrationConverter.fromJson(json, this);
    images = JsonLists.objects(json.getJsonArray("images"), ImageRow::new);
    faces = JsonLists.objects(json.getJsonArray("faces"), NewFace::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceRegistrationConverter.toJson(this, json);
    return json.put("images", JsonLists.of(images, ImageRow::toJson))
        .put("faces", JsonLists.of(faces, NewFace::toJson));
  }

  /** The images to record first, as {@link ImageStore#addImages} records them; empty (or absent) for none. */
  @GenIgnore
  public List<ImageRow> getImages() {
    return images;
  }

  @GenIgnore
  public FaceRegistration setImages(List<ImageRow> images) {
    this.images = images == null ? List.of() : images;
    return this;
  }

  /** The faces, in order; each names an image of the owner (recorded before, or one of {@link #getImages}). */
  @GenIgnore
  public List<NewFace> getFaces() {
    return faces;
  }

  @GenIgnore
  public FaceRegistration setFaces(List<NewFace> faces) {
    this.faces = faces == null ? List.of() : faces;
    return this;
  }
}
