package io.xphoto;

import io.xphoto.backup.BackupCommand;
import io.xphoto.backup.RestoreCommand;
import io.xphoto.config.Settings;
import io.xphoto.config.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar xphoto-server.jar} starts the server with the configuration of {@link Settings};
 * {@code java -jar xphoto-server.jar admin grant|revoke <username>} runs the {@link AdminCommand},
 * {@code backup <file>} the {@link BackupCommand} and {@code restore <file>} the {@link RestoreCommand}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load(System.getenv());
    if (args.length > 0 && args[0].equals("admin")) {
      System.exit(AdminCommand.run(settings, Arrays.asList(args).subList(1, args.length), System.out));
    }
    if (args.length > 0 && args[0].equals("backup")) {
      System.exit(BackupCommand.run(settings, Arrays.asList(args).subList(1, args.length), System.out));
    }
    if (args.length > 0 && args[0].equals("restore")) {
      System.exit(RestoreCommand.run(settings, Arrays.asList(args).subList(1, args.length), System.out));
    }
    XphotoServer server;
    try {
      server = XphotoServer.start(settings);
    } catch (StartRefused e) {
      LOG.error(e.getMessage());
      System.exit(1);
      return;
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
