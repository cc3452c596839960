package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** One account for the forum, by id or else by username (case-insensitive). */
@DataObject
@JsonGen(publicConverter = false)
public class ProfileQuery {

  private Long id;
  private String username;

  public ProfileQuery() {
  }

  public ProfileQuery(JsonObject json) {
    ProfileQueryConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ProfileQueryConverter.toJson(this, json);
    return json;
  }

  public Long getId() {
    return id;
  }

  public ProfileQuery setId(Long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public ProfileQuery setUsername(String username) {
    this.username = username;
    return this;
  }
}
