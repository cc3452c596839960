package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** Events of the audit log for {@link AuditLog#search}, newest first, from an offset; each filter null for any. */
@DataObject
@JsonGen(publicConverter = false)
public class AuditQuery {

  private Long userId;
  private String type;
  private String since;
  private long offset;
  private int limit;

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

  /** Rows skipped. */
  public long getOffset() {
    return offset;
  }

  public AuditQuery setOffset(long offset) {
    this.offset = offset;
    return this;
  }

  /** Rows answered at most. */
  public int getLimit() {
    return limit;
  }

  public AuditQuery setLimit(int limit) {
    this.limit = limit;
    return this;
  }
}
