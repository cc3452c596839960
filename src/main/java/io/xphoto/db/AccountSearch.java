package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** Accounts for {@link AdminStore#findAccounts}, by id, from an offset. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountSearch {

  private String prefix;
  private long offset;
  private int limit;

  public AccountSearch() {
  }

  public AccountSearch(JsonObject json) {
    AccountSearchConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountSearchConverter.toJson(this, json);
    return json;
  }

  /** Case-insensitive prefix of the username or the email; empty for every account. */
  public String getPrefix() {
    return prefix;
  }

  public AccountSearch setPrefix(String prefix) {
    this.prefix = prefix;
    return this;
  }

  /** Rows skipped. */
  public long getOffset() {
    return offset;
  }

  public AccountSearch setOffset(long offset) {
    this.offset = offset;
    return this;
  }

  /** Rows answered at most. */
  public int getLimit() {
    return limit;
  }

  public AccountSearch setLimit(int limit) {
    this.limit = limit;
    return this;
  }
}
