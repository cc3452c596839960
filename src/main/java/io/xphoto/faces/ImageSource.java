package io.xphoto.faces;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.xphoto.images.Image;
import io.xphoto.images.ImageType;

import java.util.Optional;

/**
 * An image a face worker is asked about: its object key (absent for a probe that comes as bytes) and, when
 * the caller has just checked it, what the check found, so that the worker decodes it without inspecting it
 * again. Without it (an image stored by an earlier request) the worker inspects the bytes it reads.
 */
public record ImageSource(String key, Optional<Checked> checked) {

  /** What an image check found: enough to decode the bytes. */
  public record Checked(ImageType type, int width, int height, int orientation) {

    static Checked of(Image image) {
      return new Checked(image.type(), image.width(), image.height(), image.orientation());
    }

    Image image(byte[] bytes) {
      return new Image(type, width, height, orientation, bytes);
    }
  }

  /** An image stored by an earlier request. */
  public static ImageSource stored(String key) {
    return new ImageSource(key, Optional.empty());
  }

  /** An image just checked (and stored under {@code key}). */
  public static ImageSource checked(String key, Image image) {
    return new ImageSource(key, Optional.of(Checked.of(image)));
  }

  /** {@code {key, checked?: {type: "PNG" | "JPEG", width, height, orientation}}}. */
  public JsonObject json() {
    JsonObject json = new JsonObject().put("key", key);
    checked.ifPresent(found -> json.put("checked", new JsonObject().put("type", found.type().name())
        .put("width", found.width()).put("height", found.height()).put("orientation", found.orientation())));
    return json;
  }

  static ImageSource fromJson(JsonObject json) {
    JsonObject found = json.getJsonObject("checked");
    return new ImageSource(json.getString("key"), Optional.ofNullable(found).map(checked -> new Checked(
        ImageType.valueOf(checked.getString("type")), checked.getInteger("width"), checked.getInteger("height"),
        checked.getInteger("orientation"))));
  }

  /** A checked probe's description as headers of a {@link FaceProbes} message. */
  static DeliveryOptions headers(Checked checked, DeliveryOptions options) {
    return options.addHeader("type", checked.type().name()).addHeader("width", Integer.toString(checked.width()))
        .addHeader("height", Integer.toString(checked.height()))
        .addHeader("orientation", Integer.toString(checked.orientation()));
  }

  static Checked fromHeaders(MultiMap headers) {
    return new Checked(ImageType.valueOf(headers.get("type")), Integer.parseInt(headers.get("width")),
        Integer.parseInt(headers.get("height")), Integer.parseInt(headers.get("orientation")));
  }
}
