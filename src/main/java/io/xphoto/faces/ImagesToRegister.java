package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import io.xphoto.db.ImageRow;
import io.xphoto.db.JsonLists;

import java.util.List;

/**
 * The images of a registration ({@link FaceService#register}), and which of their faces to register: the
 * largest face of each, unless {@link #getFace} says otherwise. Lists: {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class ImagesToRegister {

  private List<ImageRow> images = List.of();
  private List<ImageSource> sources = List.of();
  private FaceChoice face;

  public ImagesToRegister() {
  }

  public ImagesToRegister(JsonObject json) {
    ImagesToRegisterConverter.fromJson(json, this);
    images = JsonLists.objects(json.getJsonArray("images"), ImageRow::new);
    sources = JsonLists.objects(json.getJsonArray("sources"), ImageSource::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ImagesToRegisterConverter.toJson(this, json);
    return json.put("images", JsonLists.of(images, ImageRow::toJson))
        .put("sources", JsonLists.of(sources, ImageSource::toJson));
  }

  /**
   * The rows of images stored for this registration, recorded with its faces (as {@code ImageStore.addImages}
   * records them); empty (or absent) when the images were recorded before.
   */
  @GenIgnore
  public List<ImageRow> getImages() {
    return images;
  }

  @GenIgnore
  public ImagesToRegister setImages(List<ImageRow> images) {
    this.images = images == null ? List.of() : images;
    return this;
  }

  /** The stored images to find the faces in, in the order the answer counts them. */
  @GenIgnore
  public List<ImageSource> getSources() {
    return sources;
  }

  @GenIgnore
  public ImagesToRegister setSources(List<ImageSource> sources) {
    this.sources = sources == null ? List.of() : sources;
    return this;
  }

  /**
   * Which faces to register: every face of each source, or (one source only) the face at an index or a box;
   * null for the largest face of each source.
   */
  public FaceChoice getFace() {
    return face;
  }

  public ImagesToRegister setFace(FaceChoice face) {
    this.face = face;
    return this;
  }
}
