package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The row of one uploaded image, as {@link ImageStore#addImages} records it. */
@DataObject
@JsonGen(publicConverter = false)
public class ImageRow {

  private String key;
  private String contentType;
  private int bytes;
  private int width;
  private int height;
  private String sha256;

  public ImageRow() {
  }

  public ImageRow(JsonObject json) {
    ImageRowConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ImageRowConverter.toJson(this, json);
    return json;
  }

  /** Object key. */
  public String getKey() {
    return key;
  }

  public ImageRow setKey(String key) {
    this.key = key;
    return this;
  }

  public String getContentType() {
    return contentType;
  }

  public ImageRow setContentType(String contentType) {
    this.contentType = contentType;
    return this;
  }

  /** Size in bytes. */
  public int getBytes() {
    return bytes;
  }

  public ImageRow setBytes(int bytes) {
    this.bytes = bytes;
    return this;
  }

  public int getWidth() {
    return width;
  }

  public ImageRow setWidth(int width) {
    this.width = width;
    return this;
  }

  public int getHeight() {
    return height;
  }

  public ImageRow setHeight(int height) {
    this.height = height;
    return this;
  }

  /** SHA-256 of the bytes, hex. */
  public String getSha256() {
    return sha256;
  }

  public ImageRow setSha256(String sha256) {
    this.sha256 = sha256;
    return this;
  }
}
