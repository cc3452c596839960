package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A page of accounts for {@link AdminStore#findAccounts}, by id. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountSearch {

  private String prefix;
  private int page;
  private int size;

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

  /** From 1. */
  public int getPage() {
    return page;
  }

  public AccountSearch setPage(int page) {
    this.page = page;
    return this;
  }

  public int getSize() {
    return size;
  }

  public AccountSearch setSize(int size) {
    this.size = size;
    return this;
  }
}
