package io.xphoto.web;

import io.xphoto.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parts of client-address resolution that ThrottlingTest's HTTP requests cannot reach (any peer but loopback, odd hops). */
class ClientAddressTest {

  private static ClientAddress trusting(String proxies, String header) throws Exception {
    return ClientAddress.from(Settings.load(Map.of())
        .with(Map.of("http.trusted-proxies", proxies, "http.forwarded-header", header)));
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItsHeaderSays() throws Exception {
    ClientAddress addresses = trusting("10.0.0.0/8", "x-forwarded-for");
    assertEquals("192.0.2.1", addresses.resolve("192.0.2.1", List.of("198.51.100.7")));
    assertEquals("192.0.2.1", addresses.resolve("::ffff:192.0.2.1", List.of("198.51.100.7")), "an IPv4-mapped peer is IPv4");
  }

  @Test
  void theWalkFromTheRightStopsAtTheFirstUntrustedOrUnreadableHop() throws Exception {
    ClientAddress addresses = trusting("10.0.0.0/8, 2001:db8:ffff::/48", "x-forwarded-for");
    assertEquals("198.51.100.7", addresses.resolve("10.0.0.1", List.of("203.0.113.9, 198.51.100.7:5123", "10.2.3.4")));
    assertEquals("2001:db8::7", addresses.resolve("2001:db8:ffff::1", List.of("[2001:DB8::7]:443")));
    assertEquals("10.2.3.4", addresses.resolve("10.0.0.1", List.of("198.51.100.7, unknown, 10.2.3.4")),
        "an unreadable hop: the last address that could be believed");
    assertEquals("10.9.9.9", addresses.resolve("10.0.0.1", List.of("10.9.9.9, 10.2.3.4")), "all trusted: the leftmost");
    assertEquals("10.0.0.1", addresses.resolve("10.0.0.1", List.of()), "no header: the proxy itself");
  }

  @Test
  void forwardedForParametersAreReadWithQuotesBracketsAndPorts() throws Exception {
    ClientAddress addresses = trusting("127.0.0.1", "forwarded");
    assertEquals("2001:db8:cafe::17", addresses.resolve("127.0.0.1",
        List.of("for=192.0.2.43, For=\"[2001:db8:cafe::17]:4711\";proto=https;by=127.0.0.1")));
    assertEquals("192.0.2.60", addresses.resolve("127.0.0.1", List.of("proto=http;for=\"192.0.2.60:8080\"")));
    assertEquals("127.0.0.1", addresses.resolve("127.0.0.1", List.of("for=_hidden")), "an obfuscated identifier");
    assertEquals("127.0.0.1", addresses.resolve("127.0.0.1", List.of("by=192.0.2.1")), "no for= parameter");
  }

  @Test
  void aBadTrustedProxyEntryStopsTheStart() {
    assertThrows(IllegalArgumentException.class, () -> trusting("10.0.0.0/33", "x-forwarded-for"));
    assertThrows(IllegalArgumentException.class, () -> trusting("proxy.example.org", "x-forwarded-for"));
    assertThrows(IllegalArgumentException.class, () -> trusting("10.0.0.1", "x-real-ip"));
  }
}
