package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.stream.StreamSupport;

final class PgFaceStore implements FaceStore {

  private final Pool pool;
  private final EventBus eventBus;

  PgFaceStore(Pool pool, EventBus eventBus) {
    this.pool = pool;
    this.eventBus = eventBus;
  }

  @Override
  public Future<List<Long>> registerFaces(long ownerId, String requestId, JsonObject registration) {
    List<ImageRow> images = registration.getJsonArray("images", new JsonArray()).stream()
        .map(image -> new ImageRow((JsonObject) image)).toList();
    List<JsonObject> faces = registration.getJsonArray("faces").stream().map(JsonObject.class::cast).toList();
    return pool.withTransaction(connection -> claim(connection, ownerId, requestId).compose(claimed -> claimed
            ? ImageRowInserts.insert(connection, ownerId, images)
                .compose(v -> insertFaces(connection, ownerId, faces))
                .compose(ids -> recordIds(connection, requestId, ids))
            : recordedIds(connection, requestId)))
        .recover(OwnerGone::mapped)
        .onSuccess(ids -> eventBus.publish(CHANGED, ownerId));
  }

  /**
   * Whether this transaction is the first to record {@code requestId}. A concurrent transaction with the same
   * id waits here for the first one's commit (then finds the id taken) or rollback (then takes it).
   */
  private static Future<Boolean> claim(SqlConnection connection, long ownerId, String requestId) {
    return connection.preparedQuery("""
            INSERT INTO face_registrations (request_id, owner_id) VALUES ($1, $2)
            ON CONFLICT (request_id) DO NOTHING""")
        .execute(Tuple.of(requestId, ownerId))
        .map(result -> result.rowCount() == 1);
  }

  private static Future<List<Long>> recordIds(SqlConnection connection, String requestId, List<Long> ids) {
    return connection.preparedQuery("UPDATE face_registrations SET face_ids = $2 WHERE request_id = $1")
        .execute(Tuple.tuple().addString(requestId).addArrayOfLong(ids.toArray(Long[]::new)))
        .map(done -> ids);
  }

  private static Future<List<Long>> recordedIds(SqlConnection connection, String requestId) {
    return connection.preparedQuery("SELECT face_ids FROM face_registrations WHERE request_id = $1")
        .execute(Tuple.of(requestId))
        .map(rows -> List.of(rows.iterator().next().getArrayOfLongs("face_ids")));
  }

  private static Future<List<Long>> insertFaces(SqlConnection connection, long ownerId, List<JsonObject> faces) {
    List<Tuple> rows = faces.stream().map(face -> Tuple.of(
            ownerId,
            face.getString("imageKey"),
            face.getJsonArray("box").stream().map(n -> ((Number) n).floatValue()).toArray(Float[]::new),
            face.getDouble("score").floatValue(),
            Buffer.buffer(face.getBinary("embedding"))))
        .toList();
    return connection.preparedQuery("""
            INSERT INTO faces (owner_id, image_id, box, score, embedding)
            SELECT $1, i.id, $3, $4, $5 FROM images i WHERE i.object_key = $2 AND i.owner_id = $1
            RETURNING id""")
        .executeBatch(rows)
        .compose(result -> {
          List<Long> ids = new java.util.ArrayList<>();
          for (var rowSet = result; rowSet != null; rowSet = rowSet.next()) {
            if (rowSet.size() != 1) {
              return Future.failedFuture(new IllegalArgumentException("a face names an image the owner does not have"));
            }
            ids.add(rowSet.iterator().next().getLong("id"));
          }
          return Future.succeededFuture(ids);
        });
  }

  @Override
  public Future<JsonArray> listFaces(long ownerId) {
    return pool.preparedQuery("""
            SELECT f.id, i.object_key, f.box, f.score, f.created_at
            FROM faces f JOIN images i ON i.id = f.image_id
            WHERE f.owner_id = $1 ORDER BY f.id""")
        .execute(Tuple.of(ownerId))
        .map(rows -> new JsonArray(StreamSupport.stream(rows.spliterator(), false).map(PgFaceStore::faceJson).toList()));
  }

  private static JsonObject faceJson(Row row) {
    JsonArray box = new JsonArray();
    for (Float value : row.getArrayOfFloats("box")) {
      box.add(value);
    }
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("imageKey", row.getString("object_key"))
        .put("box", box)
        .put("score", row.getFloat("score"))
        .put("created", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  @Override
  public Future<Boolean> deleteFace(long ownerId, long faceId) {
    return pool.preparedQuery("DELETE FROM faces WHERE owner_id = $1 AND id = $2")
        .execute(Tuple.of(ownerId, faceId))
        .map(rows -> rows.rowCount() > 0)
        .onSuccess(deleted -> {
          if (deleted) {
            eventBus.publish(CHANGED, ownerId);
          }
        });
  }

  @Override
  public Future<JsonObject> embeddings(long ownerId, long afterId, int limit) {
    return pool.preparedQuery("SELECT id, embedding FROM faces WHERE owner_id = $1 AND id > $2 ORDER BY id LIMIT $3")
        .execute(Tuple.of(ownerId, afterId, limit))
        .map(rows -> {
          Buffer embeddings = Buffer.buffer(rows.size() * 2048);
          long lastId = afterId;
          for (Row row : rows) {
            embeddings.appendBuffer(row.getBuffer("embedding"));
            lastId = row.getLong("id");
          }
          return new JsonObject().put("count", rows.size()).put("lastId", lastId).put("embeddings", embeddings);
        });
  }
}
