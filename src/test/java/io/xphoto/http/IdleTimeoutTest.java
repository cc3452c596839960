package io.xphoto.http;

import io.vertx.core.eventbus.DeliveryOptions;
import io.xphoto.faces.FaceService;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An HTTP connection is closed when idle: every service call must have given up (and answered 503) before. */
class IdleTimeoutTest {

  @Test
  void everyServiceCallEndsBeforeAWaitingConnectionIsClosed() {
    long idle = TimeUnit.SECONDS.toMillis(HttpVerticle.IDLE_TIMEOUT_SECONDS);
    assertTrue(FaceService.TIMEOUT_MS < idle, "face workers");
    assertTrue(new DeliveryOptions().getSendTimeout() < idle, "the other services (Vert.x's default send timeout)");
  }
}
