package io.xphoto.web;

import io.netty.util.NetUtil;

import java.util.Arrays;

/** An IPv4 or IPv6 address parsed from its literal form only (never a name, so never a DNS lookup). */
final class IpAddress {

  private static final int IPV4_MAPPED_PREFIX = 12;

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address written in {@code text}, or null when it is not an IP address literal. */
  static IpAddress parse(String text) {
    byte[] bytes = text == null ? null : NetUtil.createByteArrayFromIpAddressString(text);
    if (bytes == null) {
      return null;
    }
    return new IpAddress(isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, IPV4_MAPPED_PREFIX, 16) : bytes);
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  boolean isIpv6() {
    return bytes.length == 16;
  }

  /** The first {@code prefixLength} bits of this address, the others zero. */
  IpAddress network(int prefixLength) {
    byte[] network = new byte[bytes.length];
    for (int bit = 0; bit < prefixLength; bit += 8) {
      int keep = Math.min(8, prefixLength - bit);
      network[bit / 8] = (byte) (bytes[bit / 8] & (0xff << (8 - keep)));
    }
    return new IpAddress(network);
  }

  /** Whether the first {@code prefixLength} bits of both addresses (of one family) are the same. */
  boolean sharesPrefix(IpAddress other, int prefixLength) {
    return bytes.length == other.bytes.length && Arrays.equals(network(prefixLength).bytes, other.network(prefixLength).bytes);
  }

  int bits() {
    return bytes.length * 8;
  }

  /** The canonical text: dotted IPv4, compressed lower-case IPv6. */
  @Override
  public String toString() {
    return NetUtil.bytesToIpAddress(bytes);
  }
}
