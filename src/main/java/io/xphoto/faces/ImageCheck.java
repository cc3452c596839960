package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import io.xphoto.images.Image;
import io.xphoto.images.ImageType;

/** What an image check found: enough for a face worker to decode the bytes without inspecting them again. */
@DataObject
@JsonGen(publicConverter = false)
public class ImageCheck {

  private ImageType type;
  private int width;
  private int height;
  private int orientation;

  public ImageCheck() {
  }

  public ImageCheck(JsonObject json) {
    ImageCheckConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ImageCheckConverter.toJson(this, json);
    return json;
  }

  static ImageCheck of(Image image) {
    return new ImageCheck().setType(image.type()).setWidth(image.width()).setHeight(image.height())
        .setOrientation(image.orientation());
  }

  Image image(byte[] bytes) {
    return new Image(type, width, height, orientation, bytes);
  }

  /** {@code PNG} or {@code JPEG}. */
  public ImageType getType() {
    return type;
  }

  public ImageCheck setType(ImageType type) {
    this.type = type;
    return this;
  }

  /** Width as stored (before the orientation is applied). */
  public int getWidth() {
    return width;
  }

  public ImageCheck setWidth(int width) {
    this.width = width;
    return this;
  }

  /** Height as stored. */
  public int getHeight() {
    return height;
  }

  public ImageCheck setHeight(int height) {
    this.height = height;
    return this;
  }

  /** EXIF orientation, 1-8 (1: upright or unknown). */
  public int getOrientation() {
    return orientation;
  }

  public ImageCheck setOrientation(int orientation) {
    this.orientation = orientation;
    return this;
  }
}
