package io.xphoto;

import io.xphoto.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** Command line: {@code java -jar xphoto-server.jar} starts the server with the configuration of {@link Settings}. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load(System.getenv());
    XphotoServer server;
    try {
      server = XphotoServer.start(settings);
    } catch (Exception e) {
      LOG.error("the server could not start", e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      server.close();
      stopped.countDown();
    }, "xphoto-shutdown"));
    stopped.await();
  }
}
