package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * Everything the server holds about one account, read for its export or deleted with it; served by the DB
 * verticle on {@link #ADDRESS}. The export is read in pages, so that no message carries a whole library.
 */
@ProxyGen
public interface AccountData {

  String ADDRESS = "xphoto.db.account-data";

  static AccountData proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AccountData.class);
  }

  /** The account; null when there is no such account. */
  Future<ExportedProfile> exportProfile(long userId);

  /** At most {@code limit} of the owner's images with ids above {@code afterId}, in id order. */
  Future<List<ExportedImage>> exportImages(long ownerId, long afterId, int limit);

  /** At most {@code limit} of the owner's faces with ids above {@code afterId}, in id order; their embeddings only when asked. */
  Future<List<ExportedFace>> exportFaces(long ownerId, long afterId, int limit, boolean embeddings);

  /** The account's unexpired sign-ins (issued tokens, forum sessions), oldest first. */
  Future<List<ExportedSession>> exportSessions(long userId);

  /**
   * Deletes the account and every row it owns in one transaction, its tokens revoked in it ({@code caller}, the
   * token of the request, at least), and answers what must happen after the commit: the objects to delete and
   * the revocations to announce. The username and email are free once it is committed. Publishes the owner's id
   * on {@link FaceStore#CHANGED}. The account's own audit events are deleted with it and {@code event}
   * ({@code account_deleted}, its account set here) is written: the one record of it that stays.
   */
  Future<AccountDeletion> deleteAccount(long userId, RevokedToken caller, AuditEvent event);
}
