package io.xphoto.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The one codec for bytes on the event bus (object puts and gets, face probes), registered once per event bus
 * when a node deploys its verticles. Within a JVM the array is handed over as it is: the Buffer codec would
 * copy it into a Buffer, again on delivery and once more out of it (3 of an upload's ~200 KB allocations,
 * measured). Between nodes its frame is a 4-byte big-endian length, then the bytes.
 */
public final class RawBytesCodec implements MessageCodec<RawBytes, RawBytes> {

  public static final String NAME = "xphoto.bytes";

  private RawBytesCodec() {
  }

  /** Makes {@link RawBytes} a body the event bus can carry; once per event bus. */
  public static void register(EventBus eventBus) {
    eventBus.registerDefaultCodec(RawBytes.class, new RawBytesCodec());
  }

  @Override
  public void encodeToWire(Buffer buffer, RawBytes body) {
    buffer.appendInt(body.bytes().length).appendBytes(body.bytes());
  }

  @Override
  public RawBytes decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new RawBytes(buffer.getBytes(pos + 4, pos + 4 + length));
  }

  @Override
  public RawBytes transform(RawBytes body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
