package io.xphoto.web;

import io.vertx.core.http.HttpServerRequest;
import io.xphoto.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who a request comes from: its TCP peer, unless the peer is one of {@code http.trusted-proxies}; then the
 * rightmost address of the forwarding header ({@code http.forwarded-header}) that is not a trusted proxy
 * itself. Only the addresses right of the first untrusted one were written by proxies we believe: anything
 * further left may be the client's invention.
 */
public final class ClientAddress {

  private final List<AddressRange> trustedProxies;
  private final ForwardingHeader header;

  private ClientAddress(List<AddressRange> trustedProxies, ForwardingHeader header) {
    this.trustedProxies = List.copyOf(trustedProxies);
    this.header = header;
  }

  public static ClientAddress from(Settings settings) {
    List<AddressRange> trusted;
    try {
      trusted = settings.list("http.trusted-proxies").stream().map(AddressRange::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting http.trusted-proxies (" + Settings.envName("http.trusted-proxies")
          + "): " + e.getMessage(), e);
    }
    return new ClientAddress(trusted, ForwardingHeader.named(settings.string("http.forwarded-header")));
  }

  /** The client's address in canonical form (dotted IPv4, compressed IPv6). */
  public String of(HttpServerRequest request) {
    return resolve(request.remoteAddress().hostAddress(), request.headers().getAll(header.headerName));
  }

  /** The client of a request from {@code peerText} with these values of the forwarding header. */
  String resolve(String peerText, List<String> forwardingHeader) {
    IpAddress peer = IpAddress.parse(peerText);
    if (peer == null) {
      return String.valueOf(peerText);
    }
    if (!isTrusted(peer)) {
      return peer.toString();
    }
    List<String> hops = header.hops(forwardingHeader);
    IpAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      IpAddress hop = IpAddress.parse(hops.get(i));
      if (hop == null) {
        break; // an unreadable hop ("unknown", an obfuscated name): the last address we could believe stands
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client.toString();
  }

  private boolean isTrusted(IpAddress address) {
    for (AddressRange range : trustedProxies) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The header the trusted proxies write; only that one is read, since a client could send the other itself. */
  enum ForwardingHeader {
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** RFC 7239: {@code Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::17]:4711"}. */
    FORWARDED("Forwarded");

    private final String headerName;

    ForwardingHeader(String headerName) {
      this.headerName = headerName;
    }

    static ForwardingHeader named(String name) {
      for (ForwardingHeader header : values()) {
        if (header.headerName.equalsIgnoreCase(name)) {
          return header;
        }
      }
      throw new IllegalArgumentException("setting http.forwarded-header (" + Settings.envName("http.forwarded-header")
          + ") must be x-forwarded-for or forwarded, not '" + name + "'");
    }

    /**
     * The hops, leftmost (farthest) first, as written (a hop without a readable address is kept, so that the
     * walk from the right stops there). Split on every comma, quoted or not: a proxy's own entries hold none,
     * so a client's unbalanced quote cannot swallow them.
     */
    List<String> hops(List<String> values) {
      List<String> hops = new ArrayList<>();
      for (String value : values) {
        for (String element : value.split(",")) {
          hops.add(address(this == FORWARDED ? forParameter(element) : element));
        }
      }
      return hops;
    }

    private static String forParameter(String element) {
      for (String pair : element.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
          return pair.substring(equals + 1);
        }
      }
      return "";
    }

    /** The address of a hop: without quotes, IPv6 brackets or a port. */
    private static String address(String hop) {
      String text = hop.trim();
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1).trim();
      }
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        return close < 0 ? "" : text.substring(1, close);
      }
      int colon = text.indexOf(':');
      boolean ipv4WithPort = colon > 0 && colon == text.lastIndexOf(':');
      return ipv4WithPort ? text.substring(0, colon) : text;
    }
  }
}
