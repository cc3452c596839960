package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The answer of {@link ProfileStore#replaceAvatar}. */
@DataObject
@JsonGen(publicConverter = false)
public class AvatarReplacement {

  private String replaced;

  public AvatarReplacement() {
  }

  public AvatarReplacement(JsonObject json) {
    AvatarReplacementConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AvatarReplacementConverter.toJson(this, json);
    return json;
  }

  /** The previous avatar's object key; null when there was none. */
  public String getReplaced() {
    return replaced;
  }

  public AvatarReplacement setReplaced(String replaced) {
    this.replaced = replaced;
    return this;
  }
}
