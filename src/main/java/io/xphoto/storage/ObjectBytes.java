package io.xphoto.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * Object bytes on the event bus, the one exchange with the storage verticle that is not JSON: the body is
 * the raw bytes and the key (and content type) travel as headers, because a service proxy would carry a
 * Buffer as base64 text (a quarter of an upload's CPU time, measured). Failures reply with code
 * {@link ObjectStore#UNAVAILABLE} when the store cannot be reached.
 *
 * <p>A put hands its byte array to the storage verticle as it is, without the copies the Buffer codec makes
 * (a copy into a Buffer, one on delivery, one out of it: 3 of an upload's ~200 KB allocations, measured):
 * the caller must not modify the array afterwards.
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
    EventBus eventBus = vertx.eventBus();
    registerCodec(eventBus);
    return eventBus.<String>request(PUT, new Bytes(bytes), new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key).addHeader("contentType", contentType)).map(Message::body);
  }

  public static Future<Buffer> get(Vertx vertx, String key) {
    return vertx.eventBus().<Buffer>request(GET, null, new DeliveryOptions().setSendTimeout(TIMEOUT_MS)
        .addHeader("key", key)).map(Message::body);
  }

  /** Serves both addresses over the backend, each call on the storage worker pool. */
  static List<MessageConsumer<?>> serve(EventBus eventBus, StorageBackend backend, WorkerExecutor workers) {
    registerCodec(eventBus);
    MessageConsumer<Object> puts = eventBus.consumer(PUT, message -> reply(message, workers, () -> {
      byte[] bytes = message.body() instanceof Bytes b ? b.bytes() : ((Buffer) message.body()).getBytes();
      String key = message.headers().get("key");
      String url = backend.url(key); // first: if it fails, nothing is left behind
      backend.put(key, bytes, message.headers().get("contentType"));
      return url;
    }));
    MessageConsumer<Buffer> gets = eventBus.consumer(GET, message -> reply(message, workers,
        () -> Buffer.buffer(backend.get(message.headers().get("key")))));
    return List.of(puts, gets);
  }

  /** The bytes of a put, passed by reference. */
  private record Bytes(byte[] bytes) {
  }

  /**
   * Delivers {@link Bytes} within this JVM as they are; to a storage verticle on another node of a cluster
   * they go as a length and the bytes.
   */
  private static final class BytesCodec implements MessageCodec<Bytes, Bytes> {

    @Override
    public void encodeToWire(Buffer buffer, Bytes bytes) {
      buffer.appendInt(bytes.bytes().length).appendBytes(bytes.bytes());
    }

    @Override
    public Bytes decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new Bytes(buffer.getBytes(pos + 4, pos + 4 + length));
    }

    @Override
    public Bytes transform(Bytes bytes) {
      return bytes;
    }

    @Override
    public String name() {
      return "xphoto.storage.bytes";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  private static final Set<EventBus> WITH_CODEC = Collections.newSetFromMap(new WeakHashMap<>());

  private static void registerCodec(EventBus eventBus) {
    synchronized (WITH_CODEC) {
      if (WITH_CODEC.add(eventBus)) {
        eventBus.registerDefaultCodec(Bytes.class, new BytesCodec());
      }
    }
  }

  /** Replies from the worker thread itself: going back through the verticle's event loop first costs a thread hop. */
  private static void reply(Message<?> message, WorkerExecutor workers, Callable<Object> call) {
    workers.executeBlocking(() -> {
      try {
        message.reply(call.call());
      } catch (IOException e) {
        message.fail(ObjectStore.UNAVAILABLE, "object store unavailable: " + e.getMessage());
      } catch (Throwable e) {
        message.fail(500, String.valueOf(e));
      }
      return null;
    }, false);
  }
}
