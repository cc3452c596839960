package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What {@link RevokedTokenStore#revokeAccount} ends: every token and forum session of the account but the kept ones. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountRevocation {

  private long userId;
  private String keptJti;
  private String keptSessionHash;
  private AuditEvent audit;

  public AccountRevocation() {
  }

  public AccountRevocation(JsonObject json) {
    AccountRevocationConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountRevocationConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public AccountRevocation setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  /** The token that stays valid; null for none. */
  public String getKeptJti() {
    return keptJti;
  }

  public AccountRevocation setKeptJti(String keptJti) {
    this.keptJti = keptJti;
    return this;
  }

  /** The SHA-256 (hex) of the forum session id that stays; null for none. */
  public String getKeptSessionHash() {
    return keptSessionHash;
  }

  public AccountRevocation setKeptSessionHash(String keptSessionHash) {
    this.keptSessionHash = keptSessionHash;
    return this;
  }

  /** The event of this revocation ({@code signout_all}, {@code admin_signout}), written in its transaction; null for none. */
  public AuditEvent getAudit() {
    return audit;
  }

  public AccountRevocation setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
