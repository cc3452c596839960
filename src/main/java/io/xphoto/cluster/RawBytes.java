package io.xphoto.cluster;

/**
 * Bytes as an event-bus body, passed by reference within a JVM ({@link RawBytesCodec}): the sender must not
 * modify the array afterwards.
 */
public record RawBytes(byte[] bytes) {
}
