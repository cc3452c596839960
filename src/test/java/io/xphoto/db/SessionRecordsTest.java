package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.database.Migrations;
import io.xphoto.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A forum session is stored with the account it is signed in to, and never for an account that is gone: a login
 * racing the account's deletion writes its session after the deletion's commit, and that session must not survive
 * (the deletion's cascade took the rows that existed then). On the real PostgreSQL with the migrations.
 */
class SessionRecordsTest {

  private static Vertx vertx;
  private static Pool pool;
  private static PgSessionRecords sessions;

  @BeforeAll
  static void start() throws Exception {
    DatabaseTarget target = TestPostgres.freshDatabase();
    Migrations.apply(target);
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(new PgConnectOptions().setHost(target.host()).setPort(target.port())
            .setDatabase(target.database()).setUser(target.user()).setPassword(target.password()))
        .using(vertx).build();
    sessions = new PgSessionRecords(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aSessionOfAnExistingAccountIsStoredWithIt() throws Exception {
    long account = newAccount("kept");
    await(sessions.insert("aa01", session(account)));
    assertEquals(account, userIdOf("aa01"));
    await(sessions.update("aa01", session(account).setVersion(2)));
    assertEquals(account, userIdOf("aa01"));
    assertNotNull(await(sessions.load("aa01")));
  }

  @Test
  void aSessionSignedInToADeletedAccountIsNeitherStoredNorKept() throws Exception {
    long account = newAccount("gone");
    await(sessions.insert("bb01", session(null)));
    await(pool.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(account)));

    await(sessions.insert("bb02", session(account)));
    assertNull(await(sessions.load("bb02")), "a login's session written after the deletion is not stored");
    await(sessions.update("bb01", session(account).setVersion(2)));
    assertNull(await(sessions.load("bb01")), "a session signed in to the deleted account is removed, not kept");
  }

  private static SessionRecord session(Long userId) {
    JsonObject data = userId == null ? new JsonObject() : new JsonObject().put("userId", userId);
    return new SessionRecord().setData(data).setTimeoutMs(60_000).setLastAccessed(System.currentTimeMillis())
        .setVersion(1).setUserId(userId);
  }

  private static long newAccount(String name) throws Exception {
    return await(pool.preparedQuery("INSERT INTO users (username, password_hash) VALUES ($1, 'x') RETURNING id")
        .execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong(0)));
  }

  private static Long userIdOf(String idHash) throws Exception {
    return await(pool.preparedQuery("SELECT user_id FROM web_sessions WHERE id_hash = decode($1, 'hex')")
        .execute(Tuple.of(idHash)).map(rows -> rows.iterator().next().getLong(0)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
