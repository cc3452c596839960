package io.xphoto.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Object bytes on the event bus, the one exchange with the storage verticle that is not JSON: the body is
 * the raw bytes and the key (and content type) travel as headers, because a service proxy would carry a
 * Buffer as base64 text (a quarter of an upload's CPU time, measured). Failures reply with code
 * {@link ObjectStore#UNAVAILABLE} when the store cannot be reached.
 */
public final class ObjectBytes {

  public static final String PUT = "xphoto.storage.put";
  public static final String GET = "xphoto.storage.get";
  private static final long TIMEOUT_MS = 30_000;

  private ObjectBytes() {
  }

  public static Future<Void> put(Vertx vertx, String key, String contentType, Buffer bytes) {
    return vertx.eventBus().request(PUT, bytes, new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key).addHeader("contentType", contentType)).mapEmpty();
  }

  public static Future<Buffer> get(Vertx vertx, String key) {
    return vertx.eventBus().<Buffer>request(GET, null, new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key)).map(Message::body);
  }

  /** Serves both addresses over the backend, each call on the storage worker pool. */
  static List<MessageConsumer<Buffer>> serve(EventBus eventBus, StorageBackend backend, WorkerExecutor workers) {
    MessageConsumer<Buffer> puts = eventBus.consumer(PUT, message -> reply(message, workers, () -> {
      backend.put(message.headers().get("key"), message.body().getBytes(), message.headers().get("contentType"));
      return null;
    }));
    MessageConsumer<Buffer> gets = eventBus.consumer(GET, message -> reply(message, workers,
        () -> Buffer.buffer(backend.get(message.headers().get("key")))));
    return List.of(puts, gets);
  }

  private static void reply(Message<Buffer> message, WorkerExecutor workers, Callable<Buffer> call) {
    workers.executeBlocking(call, false).onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result());
      } else if (done.cause() instanceof IOException) {
        message.fail(ObjectStore.UNAVAILABLE, "object store unavailable: " + done.cause().getMessage());
      } else {
        message.fail(500, String.valueOf(done.cause()));
      }
    });
  }
}
