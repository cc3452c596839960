package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A page of a library's embeddings and their faces' ids, in face id order ({@link FaceStore#embeddings}). */
@DataObject
@JsonGen(publicConverter = false)
public class EmbeddingPage {

  private int count;
  private long lastId;
  private Buffer embeddings = Buffer.buffer();
  private List<Long> ids = List.of();

  public EmbeddingPage() {
  }

  public EmbeddingPage(JsonObject json) {
    EmbeddingPageConverter.fromJson(json, this);
    setEmbeddings(json.getBuffer("embeddings"));
    ids = JsonLists.longs(json.getJsonArray("ids"));
  }

  /**
   * The embeddings stay a Buffer in the JSON object (written as base64url only when the message leaves the
   * JVM), where the generated converter would turn a page (up to 8 MB) into base64 text and back even within
   * one JVM.
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    EmbeddingPageConverter.toJson(this, json);
    return json.put("embeddings", embeddings).put("ids", new JsonArray(ids));
  }

  /** Faces in this page; fewer than asked for marks the last page. */
  public int getCount() {
    return count;
  }

  public EmbeddingPage setCount(int count) {
    this.count = count;
    return this;
  }

  /** The id of the page's last face (the {@code afterId} of the next page); the one asked after when empty. */
  public long getLastId() {
    return lastId;
  }

  public EmbeddingPage setLastId(long lastId) {
    this.lastId = lastId;
    return this;
  }

  /** 2048 bytes (512 little-endian float32, L2-normalised) per face, concatenated. */
  @GenIgnore
  public Buffer getEmbeddings() {
    return embeddings;
  }

  @GenIgnore
  public EmbeddingPage setEmbeddings(Buffer embeddings) {
    this.embeddings = embeddings == null ? Buffer.buffer() : embeddings;
    return this;
  }

  /** The faces' ids, one per embedding, in the same order. Lists: {@link JsonLists}. */
  @GenIgnore
  public List<Long> getIds() {
    return ids;
  }

  @GenIgnore
  public EmbeddingPage setIds(List<Long> ids) {
    this.ids = ids == null ? List.of() : ids;
    return this;
  }
}
