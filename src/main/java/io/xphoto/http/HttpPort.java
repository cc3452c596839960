package io.xphoto.http;

import io.xphoto.config.Settings;
import io.xphoto.config.StartRefused;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The address the HTTP verticles listen on ({@code http.host}, {@code http.port}), and the one report of it
 * being unusable, whether found by {@link #requireFree} before the database is prepared or by the listen itself.
 */
public final class HttpPort {

  private HttpPort() {
  }

  /** Binds the address for a moment, so that a port in use stops the start before anything is prepared. */
  public static void requireFree(Settings settings) throws StartRefused {
    try (ServerSocket probe = new ServerSocket()) {
      // as the HTTP server does: connections still closing on the port (TIME_WAIT) do not make it busy
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(settings.string("http.host"), settings.integer("http.port")));
    } catch (IOException e) {
      throw refusal(settings, e);
    }
  }

  /** The one-line report of a failed bind (of the probe or of the server). */
  static StartRefused refusal(Settings settings, Throwable bindFailure) {
    String host = settings.string("http.host");
    int port = settings.integer("http.port");
    String reason = String.valueOf(bindFailure.getMessage());
    if (reason.contains("Address already in use")) {
      return new StartRefused("HTTP port " + port + " on " + host + " is already in use: stop what listens there, "
          + "or choose another port with " + Settings.envName("http.port"));
    }
    return new StartRefused("cannot listen on " + host + " port " + port + " (" + Settings.envName("http.host")
        + ", " + Settings.envName("http.port") + "): " + reason);
  }
}
