package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/** Signed-out tokens, kept until they expire, served by the DB verticle on {@link #ADDRESS}. */
@ProxyGen
public interface RevokedTokenStore {

  String ADDRESS = "xphoto.db.tokens";

  static RevokedTokenStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(RevokedTokenStore.class);
  }

  Future<Void> revokeToken(RevokedToken token);

  /** Every revoked token that has not expired yet. */
  Future<List<RevokedToken>> revokedTokens();
}
