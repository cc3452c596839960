package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** One image row of an account's export. */
@DataObject
@JsonGen(publicConverter = false)
public class ExportedImage {

  private long id;
  private String key;
  private String contentType;
  private int bytes;
  private int width;
  private int height;
  private String sha256;
  private String created;

  public ExportedImage() {
  }

  public ExportedImage(JsonObject json) {
    ExportedImageConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ExportedImageConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public ExportedImage setId(long id) {
    this.id = id;
    return this;
  }

  /** Object key. */
  public String getKey() {
    return key;
  }

  public ExportedImage setKey(String key) {
    this.key = key;
    return this;
  }

  public String getContentType() {
    return contentType;
  }

  public ExportedImage setContentType(String contentType) {
    this.contentType = contentType;
    return this;
  }

  /** Size in bytes. */
  public int getBytes() {
    return bytes;
  }

  public ExportedImage setBytes(int bytes) {
    this.bytes = bytes;
    return this;
  }

  public int getWidth() {
    return width;
  }

  public ExportedImage setWidth(int width) {
    this.width = width;
    return this;
  }

  public int getHeight() {
    return height;
  }

  public ExportedImage setHeight(int height) {
    this.height = height;
    return this;
  }

  /** SHA-256 of the stored bytes, hex. */
  public String getSha256() {
    return sha256;
  }

  public ExportedImage setSha256(String sha256) {
    this.sha256 = sha256;
    return this;
  }

  /** ISO-8601 instant. */
  public String getCreated() {
    return created;
  }

  public ExportedImage setCreated(String created) {
    this.created = created;
    return this;
  }
}
