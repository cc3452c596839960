package io.xphoto.bridge;

import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.xphoto.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code bridge.*} settings. The bridge authenticates nobody, so it listens on a loopback address only:
 * anything else refuses the start rather than open the event bus to the network.
 */
record BridgeSettings(String host, int port, List<String> permitted) {

  private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|::1|\\[::1]");

  static BridgeSettings of(Settings settings) {
    String host = settings.string("bridge.host");
    if (!LOOPBACK.matcher(host).matches()) {
      throw new IllegalArgumentException("bridge.host (XPHOTO_BRIDGE_HOST) must be a loopback address "
          + "(127.0.0.1, ::1 or localhost), not '" + host + "': the event-bus bridge has no authentication");
    }
    return new BridgeSettings(host.replaceAll("^\\[|]$", ""), settings.integer("bridge.port"),
        settings.list("bridge.permitted"));
  }

  /** The same exact addresses both ways: a client may send and publish to them, and register on them. */
  BridgeOptions options() {
    List<PermittedOptions> addresses = permitted.stream().map(a -> new PermittedOptions().setAddress(a)).toList();
    return new BridgeOptions().setInboundPermitteds(new ArrayList<>(addresses))
        .setOutboundPermitteds(new ArrayList<>(addresses));
  }
}
