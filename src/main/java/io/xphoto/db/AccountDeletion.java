package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What {@link AccountData#deleteAccount} removed: the objects to delete once it is committed, the tokens revoked. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountDeletion {

  private boolean deleted;
  private JsonArray objectKeys;
  private JsonArray revoked;

  public AccountDeletion() {
  }

  public AccountDeletion(JsonObject json) {
    AccountDeletionConverter.fromJson(json, this);
  }

  /** An account deleted: its objects to delete, its tokens revoked. */
  static AccountDeletion of(List<String> objectKeys, List<RevokedToken> revoked) {
    return new AccountDeletion().setDeleted(true).setObjectKeys(new JsonArray(objectKeys))
        .setRevoked(RevokedToken.arrayOf(revoked));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountDeletionConverter.toJson(this, json);
    return json;
  }

  /** False when there was no such account (nothing was done). */
  public boolean isDeleted() {
    return deleted;
  }

  public AccountDeletion setDeleted(boolean deleted) {
    this.deleted = deleted;
    return this;
  }

  /** The keys of the account's objects (images, avatar), to delete from the store after the commit. */
  public JsonArray getObjectKeys() {
    return objectKeys;
  }

  public AccountDeletion setObjectKeys(JsonArray objectKeys) {
    this.objectKeys = objectKeys;
    return this;
  }

  /**
   * The lists travel as JSON arrays: the converter vertx-codegen writes for a {@code List} field does an
   * unchecked cast (a warning in every build).
   */
  public List<String> objectKeyList() {
    return objectKeys == null ? List.of() : objectKeys.stream().map(String.class::cast).toList();
  }

  /** The account's tokens revoked in the same transaction, to announce to every HTTP node. */
  public JsonArray getRevoked() {
    return revoked;
  }

  public AccountDeletion setRevoked(JsonArray revoked) {
    this.revoked = revoked;
    return this;
  }

  public List<RevokedToken> revokedTokens() {
    return RevokedToken.listOf(revoked);
  }

}
