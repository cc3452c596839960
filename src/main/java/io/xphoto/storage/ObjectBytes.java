package io.xphoto.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.xphoto.cluster.RawBytes;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Object bytes on the event bus, the one exchange with the storage verticle that is not JSON: the body is
 * the raw bytes ({@link RawBytes}, in the node's one byte codec) and the key (and content type) travel as
 * headers, because a service proxy would carry them as base64 text (a quarter of an upload's CPU time,
 * measured). Failures reply with code {@link ObjectStore#UNAVAILABLE} when the store cannot be reached.
 *
 * <p>A put hands its byte array to the storage verticle as it is, and a get hands back the backend's array:
 * neither side may modify an array afterwards.
 */
public final class ObjectBytes {

  public static final String PUT = "xphoto.storage.put";
  public static final String GET = "xphoto.storage.get";
  private static final long TIMEOUT_MS = 30_000;

  private ObjectBytes() {
  }

  /**
   * Writes {@code bytes} (not modified afterwards: they are handed over, not copied) under {@code key}; the
   * result is the URL a client fetches the object from, as {@link ObjectStore#urls} gives it (the put answers
   * it so that an upload needs no second request for it).
   */
  public static Future<String> put(Vertx vertx, String key, String contentType, byte[] bytes) {
    return vertx.eventBus().<String>request(PUT, new RawBytes(bytes), new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key).addHeader("contentType", contentType)).map(Message::body);
  }

  public static Future<Buffer> get(Vertx vertx, String key) {
    return bytes(vertx, key).map(Buffer::buffer);
  }

  /** The object's bytes, not to be modified. */
  public static Future<byte[]> bytes(Vertx vertx, String key) {
    return vertx.eventBus().<RawBytes>request(GET, null, new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key)).map(reply -> reply.body().bytes());
  }

  /** Serves both addresses over the backend, each call on the storage worker pool. */
  static List<MessageConsumer<?>> serve(EventBus eventBus, StorageBackend backend, WorkerExecutor workers) {
    MessageConsumer<RawBytes> puts = eventBus.consumer(PUT, message -> reply(message, workers, () -> {
      String key = message.headers().get("key");
      String url = backend.url(key); // first: if it fails, nothing is left behind
      backend.put(key, message.body().bytes(), message.headers().get("contentType"));
      return url;
    }));
    MessageConsumer<Void> gets = eventBus.consumer(GET, message -> reply(message, workers,
        () -> new RawBytes(backend.get(message.headers().get("key")))));
    return List.of(puts, gets);
  }

  /** Replies from the worker thread itself: going back through the verticle's event loop first costs a thread hop. */
  private static void reply(Message<?> message, WorkerExecutor workers, Callable<Object> call) {
    workers.executeBlocking(() -> {
      try {
        message.reply(call.call());
      } catch (IOException e) {
        message.fail(ObjectStore.UNAVAILABLE, ObjectStore.UNAVAILABLE_MESSAGE + e.getMessage());
      } catch (Throwable e) {
        message.fail(500, String.valueOf(e));
      }
      return null;
    }, false);
  }
}
