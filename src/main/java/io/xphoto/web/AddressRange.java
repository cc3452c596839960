package io.xphoto.web;

/** An address or a CIDR range ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}, {@code ::1}). */
final class AddressRange {

  private final IpAddress network;
  private final int prefixLength;

  private AddressRange(IpAddress network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  static AddressRange parse(String text) {
    int slash = text.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
    }
    int prefixLength = address.bits();
    if (slash >= 0) {
      String suffix = text.substring(slash + 1);
      prefixLength = suffix.matches("\\d{1,3}") ? Integer.parseInt(suffix) : -1;
      if (prefixLength > address.bits() || prefixLength < 0) {
        throw new IllegalArgumentException("not a CIDR range: '" + text + "'");
      }
    }
    return new AddressRange(address, prefixLength);
  }

  boolean contains(IpAddress address) {
    return network.sharesPrefix(address, prefixLength);
  }
}
