package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Inserts the image rows of uploads, those of concurrent uploads together: while {@link #MAX_IN_FLIGHT}
 * inserts are running, the uploads arriving meanwhile wait and then go in one statement, one commit (a commit
 * per upload was most of PostgreSQL's time under upload load). Each upload still gets its answer only once its
 * rows are committed. An insert is one statement, so it is all or nothing; if a shared one fails, each of its
 * uploads is inserted again on its own, so one upload's failure (say, its owner was just deleted) is not its
 * neighbours'. {@link #insert(SqlClient, long, List)} is the same insert in a caller's transaction.
 *
 * <p>Not thread-safe: used on the DB verticle's event loop only, where the pool also completes its queries.
 */
final class ImageRowInserts {

  /** Two: one insert can be committing while the next one is being sent. */
  private static final int MAX_IN_FLIGHT = 2;
  /** clock_timestamp() rises row by row, so "newest first" lists an upload's files last one first. */
  private static final String INSERT = """
      INSERT INTO images (owner_id, object_key, content_type, bytes, width, height, sha256)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::bytea[])""";

  /** The image rows of one upload, in order. */
  private record Rows(long ownerId, List<ImageRow> images) {
  }

  private record Upload(Rows rows, Promise<Void> inserted) {
  }

  private final Pool pool;
  private List<Upload> waiting = new ArrayList<>();
  private int inFlight;

  ImageRowInserts(Pool pool) {
    this.pool = pool;
  }

  /** @param images in upload order */
  Future<Void> add(long ownerId, List<ImageRow> images) {
    if (images.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> inserted = Promise.promise();
    waiting.add(new Upload(new Rows(ownerId, images), inserted));
    sendWaiting();
    return inserted.future();
  }

  private void sendWaiting() {
    if (inFlight >= MAX_IN_FLIGHT || waiting.isEmpty()) {
      return;
    }
    List<Upload> batch = waiting;
    waiting = new ArrayList<>();
    inFlight++;
    insert(pool, batch.stream().map(Upload::rows).toList()).onComplete(done -> {
      inFlight--;
      if (done.succeeded()) {
        batch.forEach(upload -> upload.inserted().complete());
      } else if (batch.size() == 1) {
        batch.get(0).inserted().fail(done.cause());
      } else {
        batch.forEach(upload -> insert(pool, List.of(upload.rows())).onComplete(upload.inserted()));
      }
      sendWaiting();
    });
  }

  /** Inserts one upload's image rows through {@code client}: within a transaction of the caller's, say. */
  static Future<Void> insert(SqlClient client, long ownerId, List<ImageRow> images) {
    return images.isEmpty() ? Future.succeededFuture() : insert(client, List.of(new Rows(ownerId, images)));
  }

  private static Future<Void> insert(SqlClient client, List<Rows> uploads) {
    int rows = uploads.stream().mapToInt(upload -> upload.images().size()).sum();
    Long[] owners = new Long[rows];
    String[] keys = new String[rows];
    String[] contentTypes = new String[rows];
    Integer[] sizes = new Integer[rows];
    Integer[] widths = new Integer[rows];
    Integer[] heights = new Integer[rows];
    Buffer[] hashes = new Buffer[rows];
    int row = 0;
    for (Rows upload : uploads) {
      for (ImageRow image : upload.images()) {
        owners[row] = upload.ownerId();
        keys[row] = image.getKey();
        contentTypes[row] = image.getContentType();
        sizes[row] = image.getBytes();
        widths[row] = image.getWidth();
        heights[row] = image.getHeight();
        hashes[row] = Buffer.buffer(HexFormat.of().parseHex(image.getSha256()));
        row++;
      }
    }
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(owners, keys, contentTypes, sizes, widths, heights, hashes))
        .mapEmpty();
  }
}
