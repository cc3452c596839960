package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.stream.StreamSupport;

final class PgImageStore implements ImageStore {

  private final Pool pool;
  private final EventBus eventBus;
  private final ImageRowInserts inserts;

  PgImageStore(Pool pool, EventBus eventBus) {
    this.pool = pool;
    this.eventBus = eventBus;
    this.inserts = new ImageRowInserts(pool);
  }

  @Override
  public Future<Void> addImages(long ownerId, List<ImageRow> images) {
    return inserts.add(ownerId, images).recover(OwnerGone::mapped);
  }

  @Override
  public Future<List<String>> imageKeys(long ownerId) {
    return pool.preparedQuery("SELECT object_key FROM images WHERE owner_id = $1 ORDER BY created_at DESC, id DESC")
        .execute(Tuple.of(ownerId))
        .map(PgImageStore::keys);
  }

  @Override
  public Future<Boolean> deleteImage(long ownerId, String key) {
    return pool.preparedQuery("DELETE FROM images WHERE owner_id = $1 AND object_key = $2")
        .execute(Tuple.of(ownerId, key))
        .map(rows -> rows.rowCount() > 0)
        .onSuccess(deleted -> {
          if (deleted) {
            eventBus.publish(FaceStore.CHANGED, ownerId); // its faces went with it
          }
        });
  }

  @Override
  public Future<List<String>> ownedKeys(long ownerId, List<String> keys) {
    return pool.preparedQuery("SELECT object_key FROM images WHERE owner_id = $1 AND object_key = ANY($2::text[])")
        .execute(Tuple.tuple().addLong(ownerId).addArrayOfString(keys.toArray(String[]::new)))
        .map(PgImageStore::keys);
  }

  @Override
  public Future<List<String>> unreferencedKeys(List<String> keys) {
    return pool.preparedQuery("""
            SELECT k AS object_key FROM unnest($1::text[]) AS k
            WHERE NOT EXISTS (SELECT 1 FROM images i WHERE i.object_key = k)
              AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_key = k)""")
        .execute(Tuple.of(keys.toArray(String[]::new)))
        .map(PgImageStore::keys);
  }

  private static List<String> keys(Iterable<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("object_key")).toList();
  }
}
