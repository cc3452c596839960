package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
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
  public Future<List<Long>> registerFaces(long ownerId, String requestId, FaceRegistration registration) {
    return pool.withTransaction(connection -> claim(connection, ownerId, requestId).compose(claimed -> claimed
            ? ImageRowInserts.insert(connection, ownerId, registration.getImages())
                .compose(v -> insertFaces(connection, ownerId, registration.getFaces()))
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

  private static Future<List<Long>> insertFaces(SqlConnection connection, long ownerId, List<NewFace> faces) {
    List<Tuple> rows = faces.stream().map(face -> Tuple.of(
            ownerId,
            face.getImageKey(),
            face.getBox().toArray(Float[]::new),
            face.getScore(),
            face.getEmbedding()))
        .toList();
    return connection.preparedQuery("""
            INSERT INTO faces (owner_id, image_id, box, score, embedding)
            SELECT $1, i.id, $3, $4, $5 FROM images i WHERE i.object_key = $2 AND i.owner_id = $1
            RETURNING id""")
        .executeBatch(rows)
        .compose(result -> {
          List<Long> ids = new ArrayList<>();
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
  public Future<List<RegisteredFace>> listFaces(long ownerId) {
    return pool.preparedQuery("""
            SELECT f.id, i.object_key, f.box, f.score, f.created_at
            FROM faces f JOIN images i ON i.id = f.image_id
            WHERE f.owner_id = $1 ORDER BY f.id""")
        .execute(Tuple.of(ownerId))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PgFaceStore::registeredFace).toList());
  }

  private static RegisteredFace registeredFace(Row row) {
    return new RegisteredFace()
        .setId(row.getLong("id"))
        .setImageKey(row.getString("object_key"))
        .setBox(List.of(row.getArrayOfFloats("box")))
        .setScore(row.getFloat("score"))
        .setCreated(row.getOffsetDateTime("created_at").toInstant());
  }

  @Override
  public Future<RegisteredFace> findFace(long ownerId, long faceId) {
    return pool.preparedQuery("""
            SELECT f.id, i.object_key, f.box, f.score, f.created_at
            FROM faces f JOIN images i ON i.id = f.image_id
            WHERE f.owner_id = $1 AND f.id = $2""")
        .execute(Tuple.of(ownerId, faceId))
        .map(rows -> rows.size() == 0 ? null : registeredFace(rows.iterator().next()));
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
  public Future<EmbeddingPage> embeddings(long ownerId, long afterId, int limit) {
    return pool.preparedQuery("SELECT id, embedding FROM faces WHERE owner_id = $1 AND id > $2 ORDER BY id LIMIT $3")
        .execute(Tuple.of(ownerId, afterId, limit))
        .map(rows -> {
          Buffer embeddings = Buffer.buffer(rows.size() * 2048);
          List<Long> ids = new ArrayList<>(rows.size());
          long lastId = afterId;
          for (Row row : rows) {
            embeddings.appendBuffer(row.getBuffer("embedding"));
            lastId = row.getLong("id");
            ids.add(lastId);
          }
          return new EmbeddingPage().setCount(rows.size()).setLastId(lastId).setEmbeddings(embeddings).setIds(ids);
        });
  }
}
