package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A page of the audit log for {@link AuditLog#search}, newest first; each filter null for any. */
@DataObject
@JsonGen(publicConverter = false)
public class AuditQuery {

  private Long userId;
  private String type;
  private String since;
  private int page;
  private int size;

  public AuditQuery() {
  }

  public AuditQuery(JsonObject json) {
    AuditQueryConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AuditQueryConverter.toJson(this, json);
    return json;
  }

  /** Events of this account (done to it or by it as an admin). */
  public Long getUserId() {
    return userId;
  }

  public AuditQuery setUserId(Long userId) {
    this.userId = userId;
    return this;
  }

  public String getType() {
    return type;
  }

  public AuditQuery setType(String type) {
    this.type = type;
    return this;
  }

  /** ISO-8601 instant: events at or after it. */
  public String getSince() {
    return since;
  }

  public AuditQuery setSince(String since) {
    this.since = since;
    return this;
  }

  /** From 1. */
  public int getPage() {
    return page;
  }

  public AuditQuery setPage(int page) {
    this.page = page;
    return this;
  }

  public int getSize() {
    return size;
  }

  public AuditQuery setSize(int size) {
    this.size = size;
    return this;
  }
}
