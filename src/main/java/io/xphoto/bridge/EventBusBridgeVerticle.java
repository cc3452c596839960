package io.xphoto.bridge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.xphoto.config.Settings;
import io.xphoto.config.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's TCP event-bus bridge ({@code bridge.enabled}): a process on this machine, in any language, sends
 * to the event-bus addresses of {@code bridge.permitted} (and registers on them) with length-prefixed JSON
 * frames, as docs/EVENTBUS.md describes. Deployed on any node whose settings enable it, whatever its roles.
 */
public final class EventBusBridgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridgeVerticle.class);

  private TcpEventBusBridge bridge;

  @Override
  public Future<?> start() {
    BridgeSettings settings = BridgeSettings.of(Settings.fromJson(config()));
    bridge = TcpEventBusBridge.create(vertx, settings.options(),
        new NetServerOptions().setHost(settings.host()).setPort(settings.port()));
    return bridge.listen()
        .onSuccess(listening -> LOG.info("event-bus bridge listening on {}:{}, permitted addresses: {}",
            settings.host(), settings.port(), settings.permitted().isEmpty() ? "none" : settings.permitted()))
        .recover(e -> Future.failedFuture(new StartRefused("cannot open the event-bus bridge on " + settings.host()
            + " port " + settings.port() + " (XPHOTO_BRIDGE_HOST, XPHOTO_BRIDGE_PORT): " + e.getMessage())));
  }

  @Override
  public Future<?> stop() {
    return bridge.close();
  }
}
