package io.xphoto.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.database.Migrations;
import io.xphoto.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent uploads share inserts, and still succeed or fail each on its own, all or nothing. */
class ImageRowInsertsTest {

  private static Vertx vertx;
  private static Pool pool;
  private static Context context;
  private static ImageRowInserts inserts;
  private static long owner;

  @BeforeAll
  static void start() throws Exception {
    DatabaseTarget target = TestPostgres.freshDatabase();
    Migrations.apply(target);
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(new PgConnectOptions().setHost(target.host()).setPort(target.port())
            .setDatabase(target.database()).setUser(target.user()).setPassword(target.password()))
        .using(vertx).build();
    owner = await(pool.preparedQuery("INSERT INTO users (username, password_hash) VALUES ('owner', 'x') RETURNING id")
        .execute().map(rows -> rows.iterator().next().getLong(0)));
    context = vertx.getOrCreateContext();
    inserts = new ImageRowInserts(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void concurrentUploadsAreAllInsertedEachInItsOrder() throws Exception {
    List<List<ImageRow>> uploads = IntStream.range(0, 40)
        .mapToObj(u -> IntStream.range(0, 1 + u % 3).mapToObj(i -> row("a" + u + "-" + i)).toList())
        .toList();
    List<Future<Void>> added = onContext(() -> uploads.stream().map(rows -> inserts.add(owner, rows)).toList());
    await(Future.all(added));
    for (List<ImageRow> rows : uploads) {
      List<Long> ids = new ArrayList<>();
      for (ImageRow row : rows) {
        ids.add(idOf(row.getKey()));
      }
      assertEquals(ids.stream().sorted().toList(), ids, "an upload's rows go in in its order");
    }
  }

  @Test
  void aFailingUploadDoesNotFailTheOthersItWasSentWith() throws Exception {
    List<Future<Void>> added = onContext(() -> List.of(
        inserts.add(owner, List.of(row("b0"))),
        inserts.add(owner, List.of(row("b1"))),
        inserts.add(owner, List.of(row("b2"), row("b3"))),
        inserts.add(-1, List.of(row("b4"), row("b5"))), // no such owner
        inserts.add(owner, List.of(row("b6")))));
    await(Future.join(added).otherwiseEmpty());
    for (int i : new int[] {0, 1, 2, 4}) {
      assertTrue(added.get(i).succeeded(), "upload " + i);
    }
    assertTrue(added.get(3).failed());
    for (String key : List.of("b0", "b1", "b2", "b3", "b6")) {
      assertTrue(idOf(key) > 0, key);
    }
    assertEquals(-1, idOf("b4"), "all or nothing");
    assertEquals(-1, idOf("b5"), "all or nothing");
  }

  private static ImageRow row(String name) {
    return new ImageRow().setKey(name).setContentType("image/jpeg").setBytes(3).setWidth(1).setHeight(2).setSha256("00ff");
  }

  private static long idOf(String key) throws Exception {
    return await(pool.preparedQuery("SELECT id FROM images WHERE object_key = $1").execute(Tuple.of(key))
        .map(rows -> {
          for (Row row : rows) {
            return row.getLong(0);
          }
          return -1L;
        }));
  }

  private static <T> T onContext(java.util.concurrent.Callable<T> call) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        result.complete(call.call());
      } catch (Exception e) {
        result.fail(e);
      }
    });
    return await(result.future());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
