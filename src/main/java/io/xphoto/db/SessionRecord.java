package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A stored web session ({@link SessionRecords}). */
@DataObject
@JsonGen(publicConverter = false)
public class SessionRecord {

  private JsonObject data;
  private long timeoutMs;
  private long lastAccessed;
  private int version;
  private Long userId;

  public SessionRecord() {
  }

  public SessionRecord(JsonObject json) {
    SessionRecordConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SessionRecordConverter.toJson(this, json);
    return json;
  }

  /** The session's data (vertx-web's session map, JSON values only). */
  public JsonObject getData() {
    return data;
  }

  public SessionRecord setData(JsonObject data) {
    this.data = data;
    return this;
  }

  public long getTimeoutMs() {
    return timeoutMs;
  }

  public SessionRecord setTimeoutMs(long timeoutMs) {
    this.timeoutMs = timeoutMs;
    return this;
  }

  /** Epoch milliseconds. */
  public long getLastAccessed() {
    return lastAccessed;
  }

  public SessionRecord setLastAccessed(long lastAccessed) {
    this.lastAccessed = lastAccessed;
    return this;
  }

  public int getVersion() {
    return version;
  }

  public SessionRecord setVersion(int version) {
    this.version = version;
    return this;
  }

  /** The account the session is logged in to; null for none. Written, not read back (it is in the data too). */
  public Long getUserId() {
    return userId;
  }

  public SessionRecord setUserId(Long userId) {
    this.userId = userId;
    return this;
  }
}
