package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * Accounts, activation keys, revoked tokens and sign-in throttling, served by the DB verticle on
 * {@link #ADDRESS}. Messages are JSON, so a client may live on another node or in another language.
 */
@ProxyGen
public interface AccountStore {

  String ADDRESS = "xphoto.db.accounts";

  static AccountStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AccountStore.class);
  }

  /**
   * Creates an account in one transaction with its activation key and mail, if given.
   *
   * @param account {@code username, email?, passwordHash, alias?, active}, optionally
   *                {@code activation: {keyHash, ttlSeconds}} and {@code mail: {recipient, subject, body}}
   * @return {@code {"created": true, "id": n}}, or {@code {"created": false}} when the username or the
   *     email is taken (case-insensitively)
   */
  Future<JsonObject> createUser(JsonObject account);

  /** Activates the account if the key (its SHA-256, hex) is one of its unexpired keys; the key is used up. */
  Future<Boolean> activate(String username, String keyHash);

  /**
   * What a sign-in needs to know before checking the password, in one statement. Failures are counted per
   * account (its id, or the typed name when no account matches) and client address (see docs/API.md,
   * "Sign-in throttling"). An attempt under the limits is counted as a failure at once, so that parallel
   * guesses cannot all pass the check before the first is answered; a right password takes it back with
   * {@link #clearSigninFailures}.
   *
   * @param identifier a username or an email
   * @param address    the client's address as counted
   * @param limits     {@code {windowSeconds, accountAddressFailures, addressFailures, accountSlowdownFailures}}
   * @return {@code {"user": {id, username, email, passwordHash, active}?, "account": counted account,
   *     "retryAfter": seconds, "slowDown": bool}}, where a positive {@code retryAfter} means this address is
   *     over its limit, for this account or for all (the attempt is then not counted), and {@code slowDown}
   *     that the account has failed too often from all addresses together
   */
  Future<JsonObject> signinState(String identifier, String address, JsonObject limits);

  /** Forgets the failures of {@code account} from {@code address} (its owner just signed in from there). */
  Future<Void> clearSigninFailures(String account, String address);

  /**
   * Queues a new activation key and its mail unless one was queued within {@code resendIntervalSeconds}.
   *
   * @param resend {@code userId, keyHash, ttlSeconds, resendIntervalSeconds, mail: {recipient, subject, body}}
   * @return whether a mail was queued
   */
  Future<Boolean> resendActivation(JsonObject resend);

  Future<Void> revokeToken(String jti, long expiresAtEpochSeconds);

  /** Every revoked token that has not expired yet: {@code {jti: expiresAtEpochSeconds}}. */
  Future<JsonObject> revokedTokens();

  /**
   * Gives the admin role to the accounts named in {@code admins} that exist (the DB verticle does at start;
   * an account created later with such a name is an admin from its creation).
   */
  Future<Void> grantAdmins();

  /** Sets the role ({@code user} or {@code admin}) of an account; false when no account has that username. */
  Future<Boolean> setRole(String username, String role);

  /**
   * One account for the forum's profile endpoints.
   *
   * @param query {@code {"id": n}} or {@code {"username": name}} (case-insensitive)
   * @return {@code {id, username, email, alias, role, avatarKey, created (epoch seconds), passwordHash}},
   *     or null when there is no such account
   */
  Future<JsonObject> profile(JsonObject query);

  /**
   * Changes some of {@code alias}, {@code email}, {@code passwordHash} of one account in one statement.
   *
   * @return {@code {"updated": true}}, or {@code {"updated": false, "reason": "missing" | "email"}} when the
   *     account does not exist or the email belongs to another account; nothing is changed then
   */
  Future<JsonObject> updateProfile(long userId, JsonObject changes);

  /** Makes {@code key} the account's avatar; answers {@code {"replaced": old key or null}}, or null without such an account. */
  Future<JsonObject> replaceAvatar(long userId, String key);

  /** Whether {@code key} is some account's current avatar. */
  Future<Boolean> isAvatar(String key);

  /** Succeeds when the database answers. */
  Future<Void> ping();
}
