package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Web sessions and their captchas, served by the DB verticle on {@link #ADDRESS}, so that every node using
 * the database sees every session. Sessions are named by the SHA-256 (hex) of their id, never the id.
 */
@ProxyGen
public interface SessionRecords {

  String ADDRESS = "xphoto.db.sessions";

  static SessionRecords proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(SessionRecords.class);
  }

  /** The session, or null when missing or expired. */
  Future<SessionRecord> load(String idHash);

  /** Writes a new session (or overwrites one of the same id). */
  Future<Void> insert(String idHash, SessionRecord session);

  /**
   * Updates a stored session; does nothing when it is gone, so a request still running when its session
   * was destroyed (logout, login) cannot bring it back.
   */
  Future<Void> update(String idHash, SessionRecord session);

  /** Deletes a session and its pending captcha. */
  Future<Void> delete(String idHash);

  /**
   * A logout: deletes the session and its pending captcha and records {@code event} (the account's sign-out) in
   * the same transaction, when the session was still there.
   */
  Future<Void> logout(String idHash, AuditEvent event);

  /** Sets the session's pending captcha (replacing an earlier one), valid {@code ttlMillis}. */
  Future<Void> putCaptcha(String idHash, String answer, long ttlMillis);

  /**
   * Takes the session's pending captcha, whatever the answer: a captcha is checked once. True when it had
   * not expired and {@code answer} equals it, ignoring case.
   */
  Future<Boolean> takeCaptcha(String idHash, String answer);
}
