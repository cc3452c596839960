package io.xphoto.faces;

import io.vertx.core.Future;
import io.xphoto.db.FaceStore;
import io.xphoto.metrics.Metrics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each user's {@link FaceLibrary}, loaded from the DB verticle on first use and kept until the library
 * changes ({@link FaceStore#CHANGED}) or memory runs short (least recently used first). Shared by the face
 * worker instances.
 */
final class FaceLibraries {

  private final FaceStore store;
  private final long maxBytes;
  private final int page;
  private final Metrics metrics;
  private final Map<Long, FaceLibrary> cached = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedBytes;
  /** Bumped by every change, so that a load which raced a change is not cached. */
  private long changes;

  FaceLibraries(FaceStore store, long maxBytes, int page, Metrics metrics) {
    this.store = store;
    this.maxBytes = maxBytes;
    this.page = Math.max(1, page);
    this.metrics = metrics;
    metrics.faceLibraryCache(this, FaceLibraries::cachedFaces, FaceLibraries::cachedBytes);
  }

  Future<FaceLibrary> of(long ownerId) {
    long seen;
    synchronized (this) {
      FaceLibrary library = cached.get(ownerId);
      if (library != null) {
        metrics.faceLibraryHit();
        return Future.succeededFuture(library);
      }
      seen = changes;
    }
    metrics.faceLibraryLoad();
    List<Long> ids = new ArrayList<>();
    return load(ownerId, 0, new ArrayList<>(), ids).map(pages -> {
      FaceLibrary library = new FaceLibrary(concatenated(pages), ids.stream().mapToLong(Long::longValue).toArray());
      synchronized (this) {
        if (changes == seen) {
          keep(ownerId, library);
        }
      }
      return library;
    });
  }

  private Future<List<float[]>> load(long ownerId, long afterId, List<float[]> pages, List<Long> ids) {
    return store.embeddings(ownerId, afterId, page).compose(loaded -> {
      pages.add(Embeddings.fromBytes(loaded.getEmbeddings().getBytes()));
      ids.addAll(loaded.getIds());
      return loaded.getCount() < page ? Future.succeededFuture(pages) : load(ownerId, loaded.getLastId(), pages, ids);
    });
  }

  private static float[] concatenated(List<float[]> pages) {
    float[] all = new float[pages.stream().mapToInt(page -> page.length).sum()];
    int offset = 0;
    for (float[] page : pages) {
      System.arraycopy(page, 0, all, offset, page.length);
      offset += page.length;
    }
    return all;
  }

  private synchronized double cachedFaces() {
    return cached.values().stream().mapToLong(FaceLibrary::size).sum();
  }

  private synchronized double cachedBytes() {
    return cachedBytes;
  }

  synchronized void changed(long ownerId) {
    changes++;
    FaceLibrary dropped = cached.remove(ownerId);
    if (dropped != null) {
      cachedBytes -= dropped.bytes();
    }
  }

  private void keep(long ownerId, FaceLibrary library) {
    long bytes = library.bytes();
    if (bytes > maxBytes) {
      return;
    }
    FaceLibrary previous = cached.put(ownerId, library);
    cachedBytes += bytes - (previous == null ? 0 : previous.bytes());
    Iterator<Map.Entry<Long, FaceLibrary>> eldest = cached.entrySet().iterator();
    while (cachedBytes > maxBytes && eldest.hasNext()) {
      cachedBytes -= eldest.next().getValue().bytes();
      eldest.remove();
    }
  }
}
