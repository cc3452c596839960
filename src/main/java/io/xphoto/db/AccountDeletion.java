package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What {@link AccountData#deleteAccount} removed: the objects to delete once it is committed, the tokens revoked. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountDeletion {

  private boolean deleted;
  private List<String> objectKeys;
  private List<RevokedToken> revoked;

  public AccountDeletion() {
  }

  public AccountDeletion(JsonObject json) {
    AccountDeletionConverter.fromJson(json, this);
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
  public List<String> getObjectKeys() {
    return objectKeys;
  }

  public AccountDeletion setObjectKeys(List<String> objectKeys) {
    this.objectKeys = objectKeys;
    return this;
  }

  /** The account's tokens revoked in the same transaction, to announce to every HTTP node. */
  public List<RevokedToken> getRevoked() {
    return revoked;
  }

  public AccountDeletion setRevoked(List<RevokedToken> revoked) {
    this.revoked = revoked;
    return this;
  }
}
