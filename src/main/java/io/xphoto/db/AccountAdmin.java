package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.xphoto.database.DatabaseTarget;

import java.util.concurrent.TimeUnit;

/** Account changes made from the command line, outside a running server, with the server's own statements. */
public final class AccountAdmin {

  private AccountAdmin() {
  }

  /**
   * Sets the role of the account named {@code username}, as the admin API does ({@link AdminStore#setRole}, its
   * {@code role_change} event marked {@code "via": "command"}); false when there is none.
   */
  public static boolean setRole(DatabaseTarget target, String username, String role) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool()
          .connectingTo(new PgConnectOptions().setHost(target.host()).setPort(target.port())
              .setDatabase(target.database()).setUser(target.user()).setPassword(target.password()))
          .using(vertx)
          .build();
      return await(new PgAdminStore(pool).setRole(new RoleChange().setUsername(username).setRole(role)
          .setAudit(new AuditEvent().setType(AuditEvent.ROLE_CHANGE).setDetails(new JsonObject().put("via", "command")))));
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
