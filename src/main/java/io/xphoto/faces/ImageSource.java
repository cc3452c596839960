package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import io.xphoto.images.Image;

/**
 * A stored image a face worker is asked about: its object key and, when the caller has just checked it, what
 * the check found, so that the worker decodes it without inspecting it again. Without it (an image stored by
 * an earlier request) the worker inspects the bytes it reads.
 */
@DataObject
@JsonGen(publicConverter = false)
public class ImageSource {

  private String key;
  private ImageCheck checked;

  public ImageSource() {
  }

  public ImageSource(JsonObject json) {
    ImageSourceConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ImageSourceConverter.toJson(this, json);
    return json;
  }

  /** An image stored by an earlier request. */
  public static ImageSource stored(String key) {
    return new ImageSource().setKey(key);
  }

  /** An image just checked (and stored under {@code key}). */
  public static ImageSource checked(String key, Image image) {
    return new ImageSource().setKey(key).setChecked(ImageCheck.of(image));
  }

  /** Object key. */
  public String getKey() {
    return key;
  }

  public ImageSource setKey(String key) {
    this.key = key;
    return this;
  }

  /** What the caller's check of the bytes found; null when the worker is to inspect them. */
  public ImageCheck getChecked() {
    return checked;
  }

  public ImageSource setChecked(ImageCheck checked) {
    this.checked = checked;
    return this;
  }
}
